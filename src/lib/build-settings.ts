/**
 * The build's settings from the environment, checked before Astro starts, so that nothing is
 * written with a setting that is wrong or dangerous: BASE_PATH and SITE_URL (config-check.ts),
 * ARCHIVE_OUT_DIR (output-folder.ts) and ARCHIVE_CONTENT_DIR. Every problem is reported at once.
 */
import { existsSync, realpathSync } from 'node:fs';
import os from 'node:os';
import { newsContentDir } from '../content/content-dir.ts';
import { checkBasePath, checkSiteUrl, ConfigError } from './config-check.ts';
import { outputFolderProblem } from './output-folder.ts';

export interface BuildSettings {
  site: string | undefined;
  base: string;
  /** The output folder as given (Astro resolves it against the project folder). */
  outDir: string;
  /** Absolute folder of reports. */
  contentDir: string;
}

export const DEFAULT_OUT_DIR = './dist';

export function buildSettings(env: NodeJS.ProcessEnv, root: string, home = os.homedir()): BuildSettings {
  const problems: string[] = [];
  const attempt = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };
  const base = attempt(() => checkBasePath(env.BASE_PATH)) ?? '/';
  const site = attempt(() => checkSiteUrl(env.SITE_URL));
  const contentDir = newsContentDir(env, root);
  const outDir = env.ARCHIVE_OUT_DIR || DEFAULT_OUT_DIR;
  const outProblem = outputFolderProblem(outDir, { root, home, contentDir }, (p) => realpathSync.native(p), existsSync);
  if (outProblem) problems.push(outProblem);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return { site, base, outDir, contentDir };
}
