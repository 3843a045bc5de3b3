/**
 * How the site writes numbers: grouped in thousands with a comma, a point for decimals
 * ("9,998 reports", "1.2 MB"), the convention of the site's dates (British English). Pure, so
 * pages, the attachment list and the search page's browser code all write numbers alike.
 */
const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 9998 -> "9,998". */
export function formatCount(n: number): string {
  return WHOLE.format(n);
}

/** 9998 -> "9,998 reports", 1 -> "1 report". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * A file size as readers read them (decimal units, as operating systems and GOV.UK show them):
 * "812 bytes", "245 KB", "1.2 MB". Kilobytes are whole; larger units keep one decimal, because
 * "1 MB" and "1.4 MB" differ by what a reader on a slow line cares about.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return countOf(bytes, 'byte');
  let value = bytes / 1000;
  let unit = 0;
  // Rounded first, so 999,999 bytes is "1.0 MB" rather than "1,000 KB".
  while (unit < UNITS.length - 1 && (unit === 0 ? Math.round(value) : Math.round(value * 10) / 10) >= 1000) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${formatCount(value)} KB` : `${ONE_DECIMAL.format(value)} ${UNITS[unit]}`;
}
