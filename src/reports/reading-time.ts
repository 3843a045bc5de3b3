/** Minutes to read a report, from its Markdown: words at 230 a minute, never less than one. */

export const WORDS_PER_MINUTE = 230;

export function countWords(markdown: string): number {
  // Markdown syntax (#, |, -, *, links' URLs) is not prose; letters and digits are.
  const prose = markdown.replace(/\]\([^)]*\)/g, ']').replace(/<[^>]+>/g, ' ');
  return prose.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export function minutesForWords(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

export function readingMinutes(markdown: string): number {
  return minutesForWords(countWords(markdown));
}
