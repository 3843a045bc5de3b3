/**
 * The plain-text release reader: today's parser (parse-report.ts) behind the SourceReader
 * contract. One file is one item.
 *
 * Its key is `--source-url` when given (the original's address is the best identity), otherwise
 * the file's path as the importer names it: relative to the folder the import runs in (the
 * project root under `npm run import`), with `/` separators, e.g. `sources/2020/release.txt`.
 * Importing the same file again from the same place finds the report it made.
 */
import { parseReport, type ParseOptions } from '../parse-report.ts';
import type { ReadOutcome, ReaderOptions, SourceReader } from '../readers/source-item.ts';
import type { ImportItem } from './import-item.ts';

/** The options only plain text has: a release rarely carries its date or address in a known place. */
export interface PlainTextOptions {
  date?: string;
  sourceUrl?: string;
}

export function plainTextReader(textOptions: PlainTextOptions = {}): SourceReader {
  return (text: string, file: string, options: ReaderOptions): ReadOutcome[] => {
    const parseOptions: ParseOptions = {
      ...(textOptions.date !== undefined ? { date: textOptions.date } : {}),
      ...(textOptions.sourceUrl !== undefined ? { sourceUrl: textOptions.sourceUrl } : {}),
      ...(options.sourceName !== undefined ? { sourceName: options.sourceName } : {}),
      ...(options.language !== undefined ? { language: options.language } : {}),
    };
    const parsed = parseReport(text, parseOptions);
    if (!parsed.ok) return [{ kind: 'failed', origin: file, reason: `[${parsed.error.code}] ${parsed.error.message}` }];
    const { frontmatter, body } = parsed.report;
    const item: ImportItem = {
      origin: file,
      key: textOptions.sourceUrl ?? file,
      title: frontmatter.title,
      date: String(frontmatter.date),
      markdown: body,
      language: frontmatter.language,
      source: frontmatter.source,
      images: [],
      warnings: [],
      ...(frontmatter.subtitle !== undefined ? { subtitle: frontmatter.subtitle } : {}),
      ...(frontmatter.rights !== undefined ? { rights: frontmatter.rights } : {}),
    };
    return [{ kind: 'item', item }];
  };
}
