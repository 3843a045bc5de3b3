/**
 * Where an `<img>` really points. Lazy-loading scripts leave `src` out, or fill it with a
 * placeholder (a transparent `data:` GIF), and keep the image's address in `data-src`,
 * `data-lazy-src`, `data-original` or a `srcset`; saved pages and exports keep that markup, and
 * the image (with its alt text) would otherwise be dropped as having no usable address.
 */
import type { Element } from 'hast';

/** Lazy loaders' attributes for the address (hast property names), in the order they are tried. */
const LAZY_SOURCES = ['dataSrc', 'dataLazySrc', 'dataOriginal'];
const SOURCE_SETS = ['srcSet', 'dataSrcset', 'dataLazySrcset'];

/** The addresses of a `srcset`, in order (a candidate is an address, then descriptors up to a comma). */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    if (rest === '') return urls;
    const url = /^\S+/.exec(rest)![0];
    rest = rest.slice(url.length);
    // An address ending in a comma has no descriptors: the next candidate follows.
    urls.push(url.replace(/,+$/, ''));
    if (url.endsWith(',')) continue;
    const comma = rest.indexOf(',');
    rest = comma < 0 ? '' : rest.slice(comma + 1);
  }
}

const stringOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  // hast may hold a comma-separated attribute (`srcset`) as a list.
  if (Array.isArray(value)) return value.join(', ');
  return undefined;
};

/**
 * The image's addresses as written, most likely first: `src` unless it is missing, blank or a
 * `data:` placeholder; then the lazy loaders' attributes; then each `srcset` candidate; a `data:`
 * `src` last (it is the image only when nothing else is given).
 */
export function imageSources(img: Element): string[] {
  const src = stringOf(img.properties.src)?.trim() ?? '';
  const placeholder = src === '' || /^data:/i.test(src);
  const lazy = LAZY_SOURCES.map((name) => stringOf(img.properties[name])?.trim() ?? '');
  const sets = SOURCE_SETS.flatMap((name) => srcsetUrls(stringOf(img.properties[name]) ?? ''));
  return [...(placeholder ? [] : [src]), ...lazy, ...sets, ...(placeholder ? [src] : [])].filter((url) => url !== '');
}
