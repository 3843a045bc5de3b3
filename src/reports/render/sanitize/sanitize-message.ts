/** The build's warning for a report whose raw HTML lost something in sanitising (rehype-sanitize-reported.ts). */
import type { SanitizeReport } from './rehype-sanitize-reported.ts';

const WORDS_SHOWN = 20;

function where(lines: number[]): string {
  if (lines.length === 0) return '';
  return lines.length === 1 ? ` (line ${lines[0]})` : ` (lines ${lines.join(', ')})`;
}

/** undefined when nothing was removed. */
export function sanitizeWarning(file: string, report: SanitizeReport): string | undefined {
  const parts: string[] = [];
  if (report.removed.length > 0) {
    parts.push(`the HTML sanitiser removed ${report.removed.map((r) => `${r.what}${where(r.lines)}`).join('; ')}.`);
  }
  if (report.lostWords.length > 0) {
    const words = report.lostWords.slice(0, WORDS_SHOWN).map((word) => `"${word}"`).join(', ');
    const more = report.lostWords.length > WORDS_SHOWN ? ` and ${report.lostWords.length - WORDS_SHOWN} more` : '';
    parts.push(`Words no longer shown as written: ${words}${more}.`);
  }
  if (parts.length === 0) return undefined;
  return `${file}: ${parts.join(' ')} Only HTML that GitHub would allow is published: write it as Markdown or allowed HTML (see README, "By hand").`;
}
