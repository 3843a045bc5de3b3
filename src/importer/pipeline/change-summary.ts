/**
 * What an update would change in a report, in one line for the editor: the front matter fields
 * that differ and the body lines added and removed (`title, topics; body +3 -1 lines`). Pure.
 * The importer's own record (`imported`) is not a change an editor needs to hear about.
 */
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { diffLines } from 'diff';

export interface ChangeSummary {
  fields: string[];
  added: number;
  removed: number;
}

const IGNORED = new Set(['imported']);

function read(text: string): { data: Record<string, unknown>; body: string } {
  try {
    const { frontmatter, content } = parseFrontmatter(text, { frontmatter: 'remove' });
    return { data: frontmatter as Record<string, unknown>, body: content.replace(/^\n+/, '') };
  } catch {
    return { data: {}, body: text };
  }
}

export function summarizeChange(before: string, after: string): ChangeSummary {
  const old = read(before);
  const next = read(after);
  const keys = [...new Set([...Object.keys(old.data), ...Object.keys(next.data)])].filter((key) => !IGNORED.has(key));
  const fields = keys.filter((key) => JSON.stringify(old.data[key]) !== JSON.stringify(next.data[key]));
  let added = 0;
  let removed = 0;
  for (const part of diffLines(old.body, next.body)) {
    if (part.added) added += part.count ?? 0;
    if (part.removed) removed += part.count ?? 0;
  }
  return { fields, added, removed };
}

export function describeChange({ fields, added, removed }: ChangeSummary): string {
  const parts = [];
  if (fields.length > 0) parts.push(fields.join(', '));
  if (added > 0 || removed > 0) parts.push(`body +${added} -${removed} lines`);
  return parts.length > 0 ? parts.join('; ') : 'only the importer\'s record';
}
