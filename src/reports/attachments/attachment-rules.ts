/**
 * The rules for a report's `attachments` as written in its front matter: a path relative to the
 * report (like a Markdown image), whose file name becomes the last segment of a URL under the
 * report's own (`news/2020/<slug>/release.pdf`). Pure: the schema calls it, and the loader checks
 * the file itself (see attachment-files.ts).
 */
import { attachmentType, type AttachmentType } from './attachment-types.ts';

/** Most attachments one report may list: a release and its annexes, not a file dump. */
export const MAX_ATTACHMENTS = 50;

/**
 * A file name that is one URL path segment exactly as written: letters, digits, `-` and `_`,
 * parts joined by single dots, starting with a letter or digit. No space, `%`, `?`, `#`, quote,
 * non-ASCII letter or dot-segment, each of which a server, a browser or a citation would read
 * differently from the file system.
 */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;
const MAX_NAME = 120;

/** The file name part of an attachment path: `release.pdf` for `./2020-slug/release.pdf`. */
export function attachmentName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** A name close to the one given that the rules accept: "Press Release (final).PDF" -> "press-release-final.pdf". */
export function suggestedName(name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
  const clean = (text: string) =>
    text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${clean(stem).slice(0, 80) || 'attachment'}${extension ? `.${clean(extension) || 'pdf'}` : ''}`;
}

export type AttachmentFileResult = { ok: true; name: string; type: AttachmentType } | { ok: false; problem: string };

/** Checks the `file` of one attachment as written; the name it is published under, or the fix. */
export function checkAttachmentFile(file: string): AttachmentFileResult {
  const example = './<slug>/release.pdf';
  if (/^[a-z][a-z0-9+.-]*:/i.test(file)) {
    return { ok: false, problem: `"${file}" is an address, not a file: attach a file beside the report, for example ${example} (link web pages from the text instead)` };
  }
  if (file.startsWith('/') || file.includes('\\')) {
    return { ok: false, problem: `"${file}" must be a path relative to the report written with "/", for example ${example}` };
  }
  const name = attachmentName(file);
  if (!SAFE_NAME.test(name) || name.length > MAX_NAME) {
    return {
      ok: false,
      problem:
        `the file name "${name}" cannot be published as it is: it becomes part of the web address, so it may hold only letters, digits, "-" and "_", ` +
        `joined by single dots, and at most ${MAX_NAME} characters. Rename the file, for example to ${suggestedName(name)}`,
    };
  }
  const type = attachmentType(name);
  if (!type.ok) return type;
  return { ok: true, name, type: type.type };
}

/**
 * The problem when two attachments would be published under one name (names compared as a
 * case-insensitive file system would: `Release.pdf` and `release.pdf` overwrite each other there).
 */
export function duplicateAttachmentName(files: readonly string[]): string | undefined {
  const seen = new Map<string, string>();
  for (const file of files) {
    const key = attachmentName(file).toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      return `"${first}" and "${file}" would both be published as ${attachmentName(file)} under the report's address: rename one of them`;
    }
    seen.set(key, file);
  }
  return undefined;
}
