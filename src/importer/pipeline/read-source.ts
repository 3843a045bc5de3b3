/**
 * One source file -> outcomes: decoded strictly (decode-text.ts), its format recognised from its
 * content, and handed to that format's reader. A reader that throws fails its file, not the import.
 *
 * Readers are wired in `sourceReaders`. A file of no known format (RSS 1.0, a sitemap, XML of
 * another kind) fails with its first element named; a format without a reader fails likewise.
 */
import { decodeRelease, type DecodeOptions } from '../decode-text.ts';
import type { ReadOutcome, ReaderOptions, SourceFormat, SourceReader } from '../readers/source-item.ts';
import { detectFormat } from '../readers/detect-format.ts';
import { SOURCE_READERS } from '../readers/source-readers.ts';
import { plainTextReader, type PlainTextOptions } from './plain-text-reader.ts';

export { detectFormat };

export type ReaderTable = Record<SourceFormat, SourceReader | undefined>;

const FORMAT_NAMES: Record<SourceFormat, string> = { wxr: 'a WordPress export', rss: 'an RSS feed', atom: 'an Atom feed', html: 'a saved HTML page', text: 'a plain-text release' };

/**
 * The plain-text parser (with this run's options) and one reader per other format
 * (readers/source-readers.ts). `--date` and `--source-url` are plain text's own: a file of another
 * format imported with them fails, rather than being imported as if they had been applied.
 */
export function sourceReaders(text: PlainTextOptions): ReaderTable {
  const flag = text.date !== undefined ? '--date' : text.sourceUrl !== undefined ? '--source-url' : undefined;
  const others = { ...SOURCE_READERS };
  if (flag) {
    for (const format of Object.keys(others) as Exclude<SourceFormat, 'text'>[]) {
      if (!others[format]) continue;
      others[format] = (_text, file) => [
        { kind: 'failed', origin: file, reason: `[usage] ${flag} applies to a plain-text release only: ${file} is ${FORMAT_NAMES[format]}, whose items carry their own; import it without ${flag}` },
      ];
    }
  }
  return { text: plainTextReader(text), ...others };
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
  if (format === undefined) {
    const first = /<([A-Za-z][\w.:-]*)/.exec(decoded.text.slice(0, 4096))?.[1];
    return {
      outcomes: [{ kind: 'failed', origin: file, reason: `[format] not a format the importer reads${first ? ` (it starts with <${first}>)` : ''}: give a WordPress export (WXR), an RSS 2.0 or Atom feed, a saved HTML page or a plain-text release` }],
      warnings: decoded.warnings,
    };
  }
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
