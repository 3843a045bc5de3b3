/**
 * A report's file path is its permanent identity: content/news/<year>/<slug>.md is published at
 * /news/<year>/<slug>/. Names are checked, not silently rewritten, so two files can never claim
 * the same URL and a URL never changes behind the publisher's back.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const YEAR = /^\d{4}$/;

export type ReportIdResult =
  | { ok: true; id: string; year: number; slug: string }
  | { ok: false; problem: string };

/**
 * Names Windows reserves for devices, with any extension (`con.md`, `nul.jpg`): a file so named
 * cannot be checked out, copied or served there, so the importer never gives one.
 */
export function isWindowsReservedName(stem: string): boolean {
  return /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i.test(stem);
}

export function reportIdFromPath(relativePath: string): ReportIdResult {
  const parts = relativePath.split(/[\\/]/);
  const file = parts.at(-1) ?? '';
  const slug = file.replace(/\.md$/, '');
  if (parts.length !== 2 || !YEAR.test(parts[0]!)) {
    return {
      ok: false,
      problem: `reports live at <year>/<slug>.md inside the news folder: move this file to e.g. 2020/${toSuggestedSlug(slug)}.md`,
    };
  }
  if (!SLUG.test(slug)) {
    return {
      ok: false,
      problem: `the file name is the report's URL and must be lowercase letters, digits and single hyphens: rename it to ${toSuggestedSlug(slug)}.md`,
    };
  }
  return { ok: true, id: `${parts[0]}/${slug}`, year: Number(parts[0]), slug };
}

function toSuggestedSlug(name: string): string {
  const suggested = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return suggested || 'report';
}
