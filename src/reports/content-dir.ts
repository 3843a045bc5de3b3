import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the reports are. ARCHIVE_CONTENT_DIR lets tests and the benchmark build a synthetic
 * archive without touching the real `content/`; it names the folder holding <year>/<slug>.md.
 */
export function reportsContentDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const override = env.ARCHIVE_CONTENT_DIR?.trim();
  return override ? path.resolve(cwd, override) : path.resolve(cwd, 'content/news');
}

/** Total bytes of the Markdown files under the folder (0 when it does not exist). */
export async function reportSourceBytes(contentDir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
  } catch {
    return 0; // the loader reports a missing folder, with the fix
  }
  const sizes = await Promise.all(
    entries.filter((e) => e.isFile() && e.name.endsWith('.md')).map(async (e) => (await stat(path.join(e.parentPath, e.name))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
