/**
 * What one build is: where the reports are, where the site goes, and where it is hosted, read
 * from the environment once, before anything is written.
 *   SITE_URL (e.g. https://example.org): the production origin, for absolute URLs.
 *   BASE_PATH (e.g. /archive/): serve the archive under a sub-path.
 *   ARCHIVE_OUT_DIR (default dist/), ARCHIVE_CONTENT_DIR (default content/news/).
 */
import { newsContentDir } from './reports/content-dir.ts';
import { normalizeBase } from './urls/base-urls.ts';

export interface BuildSettings {
  /** The project folder (absolute). */
  root: string;
  /** Absolute folder holding <year>/<slug>.md. */
  contentDir: string;
  /** As given (relative to the root or absolute). */
  outDir: string;
  base: string;
  site?: string;
}

export function buildSettings(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): BuildSettings {
  return {
    root,
    contentDir: newsContentDir(env, root),
    outDir: env.ARCHIVE_OUT_DIR || './dist',
    base: normalizeBase(env.BASE_PATH),
    site: env.SITE_URL || undefined,
  };
}
