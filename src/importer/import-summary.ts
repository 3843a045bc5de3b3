/**
 * The table printed when an import ends: one count per outcome, skipped items counted by reason,
 * every failure with its origin, every image not copied with its report.
 */
import { errorLine, type ImportTally } from './pipeline/run-import.ts';

export function summaryLines(tally: ImportTally, dryRun: boolean): string[] {
  const skipped = [...tally.skipped.values()].reduce((sum, n) => sum + n, 0);
  const rows: [number, string][] = [
    [tally.imported.length, dryRun ? 'to import' : 'imported'],
    [tally.same, 'already imported'],
    [tally.updated.length, dryRun ? 'to update' : 'updated'],
    [tally.changed.length, 'changed, not updated'],
    [skipped, 'skipped'],
    [tally.failed.length, 'failed'],
  ];
  const width = Math.max(...rows.map(([n]) => String(n).length));
  const row = (n: number, label: string, indent = '  ') => `${indent}${String(n).padStart(width)} ${label}`;
  const lines = [dryRun ? 'Import summary (dry run: nothing was written)' : 'Import summary'];
  for (const [n, label] of rows) {
    lines.push(row(n, label));
    if (label === 'changed, not updated') {
      for (const c of tally.changed) lines.push(`      ${c.file} (from ${c.origin}): ${c.change} (${c.why})`);
    }
    if (label === 'skipped') {
      for (const [reason, count] of [...tally.skipped].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(row(count, reason, '      '));
    }
    if (label === 'failed') for (const f of tally.failed) lines.push(`      ${f.origin}: ${errorLine(f.reason)}`);
  }
  if (tally.missingMedia.length > 0) {
    lines.push(row(tally.missingMedia.length, 'images not copied (kept as a link to where they were, or as text)'));
    for (const { report, image } of tally.missingMedia) lines.push(`      ${report}: ${image.url}: ${image.reason}`);
  }
  if (tally.leftovers.length > 0) lines.push(row(tally.leftovers.length, 'temporary files of an interrupted import removed'));
  return lines;
}
