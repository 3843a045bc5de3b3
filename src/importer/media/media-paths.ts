/**
 * Where the file behind an image URL of an imported item is, and what it is called in the report's
 * media folder. Pure: existence and content are checked by gather-media.ts.
 *
 * - A WordPress upload (`https://site/wp-content/uploads/2020/07/a.jpg`, or `/wp-content/uploads/...`)
 *   is looked up under the uploads folder given with `--media`, by the part after `/uploads/`.
 * - A relative path (`images/a.jpg` in a saved page) is looked up beside the source file.
 * Either way the file must lie inside that folder: a path with `..` or one resolving outside is
 * refused, so an import never publishes a file from elsewhere on the machine.
 */
import path from 'node:path';
import { isInside } from '../../reports/local-images.ts';
import { isWindowsReservedName } from '../../reports/report-path.ts';

export type Located = { ok: true; file: string } | { ok: false; reason: string };

export interface ImageLookup {
  /** The WordPress uploads folder (`--media`), absolute. */
  mediaDir?: string;
  /** The source file the item came from, absolute. */
  sourceFile: string;
  /** The folder relative images may come from (the folder imported, or the file's own), absolute. */
  sourceRoot: string;
}

/** `relative` (with `/` separators) inside `root`, or why not. */
export function confine(root: string, relative: string): Located {
  const segments = relative.split('/');
  if (relative === '' || relative.includes('\0') || relative.includes('\\') || path.isAbsolute(relative) || segments.includes('..')) {
    return { ok: false, reason: `"${relative}" is not a plain path inside ${root} (no "..", no absolute path): refused` };
  }
  const file = path.resolve(root, ...segments);
  return isInside(root, file) ? { ok: true, file } : { ok: false, reason: `"${relative}" resolves outside ${root}: refused` };
}

function decodedPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

export function locateImage(url: string, lookup: ImageLookup): Located {
  if (/^data:/i.test(url)) return { ok: false, reason: 'an image embedded as a data: URL, which the importer does not extract' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined || url.startsWith('/')) {
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { ok: false, reason: `a ${scheme}: address, not a web image` };
    let pathname: string;
    try {
      pathname = new URL(url, 'https://site.invalid/').pathname;
    } catch {
      return { ok: false, reason: 'not a valid address' };
    }
    const at = pathname.indexOf('/uploads/');
    if (at < 0) return { ok: false, reason: 'a remote image outside a WordPress uploads folder: no local copy to look up' };
    if (!lookup.mediaDir) return { ok: false, reason: 'a remote image: pass --media with the WordPress uploads folder to copy it' };
    const relative = decodedPath(pathname.slice(at + '/uploads/'.length));
    if (relative === undefined) return { ok: false, reason: 'its path is not valid percent-encoding' };
    return confine(lookup.mediaDir, relative);
  }
  const relative = decodedPath(url.replace(/[?#].*$/, ''));
  if (relative === undefined) return { ok: false, reason: 'its path is not valid percent-encoding' };
  const fromRoot = path.relative(lookup.sourceRoot, path.resolve(path.dirname(lookup.sourceFile), ...relative.split('/')));
  if (path.isAbsolute(fromRoot) || fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`)) {
    return { ok: false, reason: `"${url}" lies outside ${lookup.sourceRoot}, the folder imported: refused` };
  }
  return confine(lookup.sourceRoot, fromRoot.split(path.sep).join('/'));
}

/**
 * The file's name in the report's media folder: letters, digits, `-` and `_` (what a URL and every
 * file system keep as is), its extension lowercased, and `-2`, `-3` when two images of one report
 * share a name.
 */
export function mediaFileName(file: string, used: Set<string>): string {
  const base = path.basename(file);
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  let stem =
    (dot > 0 ? base.slice(0, dot) : base)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'image';
  if (isWindowsReservedName(stem)) stem = `${stem}-image`;
  const suffix = extension ? `.${extension}` : '';
  let name = `${stem}${suffix}`;
  for (let n = 2; used.has(name); n++) name = `${stem}-${n}${suffix}`;
  used.add(name);
  return name;
}
