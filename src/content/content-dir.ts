import path from 'node:path';

/**
 * Where the reports are. ARCHIVE_CONTENT_DIR lets tests and the benchmark build a synthetic
 * archive without touching the real `content/`; it names the folder holding <year>/<slug>.md.
 */
export function newsContentDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const override = env.ARCHIVE_CONTENT_DIR?.trim();
  return override ? path.resolve(cwd, override) : path.resolve(cwd, 'content/news');
}
