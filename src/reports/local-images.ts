/**
 * Local images are confined to the content folder. Astro publishes every local image a report
 * links (`![scan](../../private/scan.png)` is copied into the site, hashed but public), so a
 * path that climbs out of the content folder would publish a file that was never meant to be.
 */
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { quoted } from './text-rules.ts';

/** The file an image path written in a report names (query and fragment are not part of it). */
export function resolveLocalImage(reportPath: string, image: string): string {
  const file = image.replace(/[?#].*$/, '');
  return path.resolve(path.dirname(reportPath), file);
}

/** Whether `file` is `folder` or lies below it. */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

export function imageOutsideMessage(report: string, image: string, resolved: string, contentDir: string): string {
  return (
    `${report}: the image "${image}" is outside the content folder (it is ${resolved}). ` +
    `Move it into ${contentDir} (beside the report) and link it from there: nothing outside the content folder is published.`
  );
}

export function missingImageMessage(report: string, image: string, resolved: string): string {
  return `${report}: the image "${image}" does not exist (looked for ${resolved}). Put the image there, or correct the path: it is relative to the report.`;
}

/**
 * The extensions Astro publishes a local image for (its VALID_INPUT_FORMATS). Astro decides by the
 * text after the path's last dot, as written (`imageSrcToImportId` in astro/dist/assets/utils/
 * resolveImports.js), so `./a.png?v=1` or `./scan.pdf` is not imported at all: the page keeps a
 * placeholder <img> with no src and no alt, and the build stays green.
 */
const PUBLISHED_IMAGE_EXTENSIONS = ['jpeg', 'jpg', 'png', 'apng', 'tiff', 'webp', 'gif', 'svg', 'avif'];

/** Why a local image, as written, would not be published (a broken image on the page), or undefined. */
export function unpublishedImageMessage(report: string, image: string): string | undefined {
  const extension = image.split('.').at(-1)?.toLowerCase();
  if (extension !== undefined && PUBLISHED_IMAGE_EXTENSIONS.includes(extension)) return undefined;
  return (
    `${report}: the image "${image}" is not published by the build: a local image must be a ` +
    `${PUBLISHED_IMAGE_EXTENSIONS.map((e) => `.${e}`).join(', ')} file, written without ?query or #fragment ` +
    '(otherwise the page shows a broken image, without its alt text).'
  );
}

/**
 * Whether the first bytes of an image file are those of a raster format Astro publishes (PNG and
 * APNG, JPEG, GIF, WebP, TIFF, AVIF). Anything else may be published as SVG: Astro names the
 * published file by what it holds, not by its name, so SVG saved as `scan.png` becomes
 * `/_astro/scan.<hash>.svg`.
 */
export function isRasterImage(head: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  return (
    (head[0] === 0x89 && ascii(1, 4) === 'PNG') ||
    (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
    ascii(0, 4) === 'GIF8' ||
    (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') ||
    ascii(0, 4) === 'II*\0' ||
    ascii(0, 4) === 'MM\0*' ||
    ascii(4, 8) === 'ftyp'
  );
}

/** Elements that run script or embed documents (by local name, whatever the prefix). */
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener', 'meta', 'base', 'link']);
const ANIMATIONS = new Set(['set', 'animate', 'animatemotion', 'animatetransform', 'animatecolor']);
/** Images an SVG may embed as data: URLs (never another SVG or a document). */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

const localName = (name: string): string => name.slice(name.indexOf(':') + 1).toLowerCase();

/** The scheme a browser would see in a URL attribute (it drops spaces and controls), if it is not allowed. */
function unsafeUrl(value: string): string | undefined {
  const url = value.replace(/[\u0000-\u0020\u007F]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme === undefined || SAFE_SCHEMES.has(scheme)) return undefined;
  if (scheme === 'data' && DATA_IMAGE.test(url)) return undefined;
  return `${scheme}:`;
}

/**
 * An SVG file's text as a browser reads it: UTF-16 by its byte-order mark, otherwise UTF-8.
 * undefined for bytes holding a NUL, which are no UTF-8 text (a browser may sniff them as UTF-16).
 */
function svgText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.includes(0)) return undefined;
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * What in an SVG would be active when the file is opened by its own URL, as a document of the
 * site's origin, or undefined when nothing is: a script or another element that runs or embeds
 * code, an event handler, a link to a `javascript:` (or other non-web) URL, an animation that
 * changes a link, the XHTML namespace, a DOCTYPE (whose entities can build any element) or a
 * processing instruction other than the XML declaration (an XSLT style sheet runs code).
 * Astro publishes an SVG image as it is; checked with an XML tokenizer, entities decoded.
 */
export function activeSvgContent(file: string | Uint8Array): string | undefined {
  const svg = typeof file === 'string' ? file : svgText(file);
  if (svg === undefined) return 'text that is not UTF-8 (a NUL byte), which a browser may read otherwise';
  let found: string | undefined;
  const note = (what: string) => (found ??= what);
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const element = localName(name);
        if (ACTIVE_ELEMENTS.has(element)) note(`a <${element}> element`);
        for (const [key, value] of Object.entries(attributes)) {
          const attribute = localName(key);
          if (attribute.startsWith('on')) note(`the event handler ${quoted(key)} (${quoted(value.slice(0, 40))}) on <${element}>`);
          if (key.toLowerCase().startsWith('xmlns') && value.trim() === 'http://www.w3.org/1999/xhtml') note('the XHTML namespace (HTML elements)');
          if (attribute === 'href' || attribute === 'src' || key.toLowerCase() === 'xml:base') {
            const scheme = unsafeUrl(value);
            if (scheme) note(`a link to a ${quoted(scheme)} URL on <${element}>`);
          }
        }
        if (ANIMATIONS.has(element)) {
          const target = Object.entries(attributes).find(([key]) => key.toLowerCase() === 'attributename')?.[1];
          if (target !== undefined && /(^|:)href$/i.test(target.trim())) note(`the animation <${element}> that changes ${quoted(target.trim())}`);
        }
      },
      onprocessinginstruction(name) {
        const instruction = name.toLowerCase();
        if (instruction === '!doctype') note('a DOCTYPE (its entities can build elements)');
        else if (instruction !== '?xml') note(`the processing instruction ${quoted(`<${name}>`)}`);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(svg);
  parser.end();
  return found;
}

export function activeSvgMessage(report: string, image: string, what: string): string {
  return (
    `${report}: the image "${image}" holds active content (${what}). An SVG is published as it is, and opened by its own URL it runs ` +
    'as a page of the site: remove the script, handler or link from it, or convert it to PNG or WebP.'
  );
}
