/**
 * A report's file text: front matter Astro reads back exactly as meant, then the body. Written to
 * disk by the import pipeline (pipeline/atomic-write.ts), never over another report.
 */
import { Document, Scalar, isScalar } from 'yaml';
import type { ParsedReport } from './parse-report.ts';

/**
 * Front matter that Astro reads back as exactly these values. Astro parses YAML with js-yaml,
 * which reads a plain `2020-07-31`, `yes`, `~` or `0x1F` as a date, boolean, null or number, and
 * another YAML library's idea of what needs quoting differs from it; so every text value is
 * double-quoted (escapes keep any character), and only the date is plain, to be read as a date.
 */
export function frontmatterYaml(frontmatter: ParsedReport['frontmatter']): string {
  const doc = new Document(frontmatter);
  const date = doc.get('date', true);
  if (isScalar(date)) date.type = Scalar.PLAIN;
  return doc.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }).trimEnd();
}

export function reportFileText(report: ParsedReport): string {
  return `---\n${frontmatterYaml(report.frontmatter)}\n---\n\n${report.body}\n`;
}
