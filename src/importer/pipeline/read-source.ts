/**
 * One source file -> outcomes: decoded strictly (decode-text.ts), its format recognised from its
 * content, and handed to that format's reader. A reader that throws fails its file, not the import.
 *
 * Readers are wired in `sourceReaders`: one line per format. Until a format has its reader, a file
 * of that format fails with "format X is not supported yet".
 */
import { decodeRelease, type DecodeOptions } from '../decode-text.ts';
import type { ReadOutcome, ReaderOptions, SourceFormat, SourceReader } from '../readers/source-item.ts';
import { plainTextReader, type PlainTextOptions } from './plain-text-reader.ts';

export type ReaderTable = Record<SourceFormat, SourceReader | undefined>;

export function sourceReaders(text: PlainTextOptions): ReaderTable {
  return {
    text: plainTextReader(text),
    wxr: undefined,
    rss: undefined,
    atom: undefined,
    html: undefined,
  };
}

/**
 * A stand-in until the readers' `detectFormat(text, fileName)` is merged (same signature): a
 * WordPress export is RSS with WordPress's namespace, a feed is RSS or Atom, a page is HTML,
 * anything else is a plain-text release.
 */
export function detectFormat(text: string, _fileName: string): SourceFormat {
  const head = text.slice(0, 4096);
  if (/^\s*(?:\uFEFF)?(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<rss\b/i.test(head)) {
    return /xmlns:wp=|<wp:wxr_version/.test(text.slice(0, 65536)) ? 'wxr' : 'rss';
  }
  if (/^\s*(?:\uFEFF)?(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<feed\b/i.test(head)) return 'atom';
  if (/^\s*(?:\uFEFF)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html\b|<html\b)/i.test(head)) return 'html';
  return 'text';
}

export interface ReadSourceOptions {
  decoding: DecodeOptions;
  reader: ReaderOptions;
  readers: ReaderTable;
}

export interface SourceRead {
  format?: SourceFormat;
  outcomes: ReadOutcome[];
  /** About the file as a whole (it looks double-encoded), to be printed with its name. */
  warnings: string[];
}

/** `file` is the name items are keyed and reported by (see plain-text-reader.ts). */
export function readSource(bytes: Uint8Array, file: string, options: ReadSourceOptions): SourceRead {
  const decoded = decodeRelease(bytes, options.decoding);
  if (!decoded.ok) return { outcomes: [{ kind: 'failed', origin: file, reason: `[encoding] ${decoded.message}` }], warnings: [] };
  const format = detectFormat(decoded.text, file);
  const reader = options.readers[format];
  if (!reader) {
    return {
      format,
      outcomes: [{ kind: 'failed', origin: file, reason: `[format] format ${format} is not supported yet: this version has no reader for it` }],
      warnings: decoded.warnings,
    };
  }
  try {
    return { format, outcomes: reader(decoded.text, file, options.reader), warnings: decoded.warnings };
  } catch (error) {
    return { format, outcomes: [{ kind: 'failed', origin: file, reason: `[${format}] the ${format} reader stopped: ${(error as Error).message}` }], warnings: decoded.warnings };
  }
}
