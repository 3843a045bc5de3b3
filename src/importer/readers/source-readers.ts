/**
 * The reader for each detected format (detect-format.ts). Plain text (`text`) is read by the
 * release parser (parse-report.ts), which the pipeline calls itself.
 */
import { readFeed } from './read-feed.ts';
import { readHtmlPage } from './read-html-page.ts';
import { readWxr } from './read-wxr.ts';
import type { SourceFormat, SourceReader } from './source-item.ts';

export const SOURCE_READERS: Readonly<Record<Exclude<SourceFormat, 'text'>, SourceReader>> = {
  wxr: readWxr,
  rss: readFeed,
  atom: readFeed,
  html: readHtmlPage,
};

export function readerFor(format: SourceFormat): SourceReader | undefined {
  return format === 'text' ? undefined : SOURCE_READERS[format];
}
