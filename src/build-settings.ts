/**
 * What one build is: where the reports are, where the site goes and where it is hosted, read from
 * the environment once and checked before Astro starts, so that nothing is written with a setting
 * that is wrong or dangerous. Every problem is reported at once, each naming its variable and fix.
 *   SITE_URL (e.g. https://example.org): the production origin, for absolute URLs.
 *   BASE_PATH (e.g. /archive/): serve the archive under a sub-path.
 *   ARCHIVE_OUT_DIR (default dist/): never the project, its sources or the reports (output-folder.ts).
 *   ARCHIVE_CONTENT_DIR (default content/news/): the folder holding <year>/<slug>.md.
 *   ARCHIVE_SEARCH_PARTITION_YEARS (default unset: one index): split the search index into
 *     partitions of this many years each (src/search/build/search-partitions.ts).
 *   ARCHIVE_BUILD_PART (default unset: the whole build): one part of a build split across
 *     machines, a search partition's name or `listings` (src/build-parts/build-part.ts).
 */
import { existsSync, realpathSync } from 'node:fs';
import os from 'node:os';
import { contentLinks, reportsContentDir } from './reports/content-dir.ts';
import { checkBasePath, checkSiteUrl, ConfigError } from './urls/url-settings.ts';
import { outputFolderProblem } from './output/output-folder.ts';
import { parseBuildPart, WHOLE_BUILD, type BuildPart } from './build-parts/build-part.ts';
import { archiveYears } from './build-parts/part-fingerprint.ts';

export interface BuildSettings {
  /** The project folder (absolute). */
  root: string;
  /** Absolute folder holding <year>/<slug>.md. */
  contentDir: string;
  /** The output folder as given (Astro resolves it against the project folder). */
  outDir: string;
  base: string;
  site?: string;
  /** Years per search index partition; undefined: one index. */
  searchPartitionYears?: number;
  /** The whole build, or one part of a split build. */
  buildPart: BuildPart;
}

/** ARCHIVE_SEARCH_PARTITION_YEARS: a whole number of years, or unset. */
export function checkPartitionYears(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const years = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(years) || years < 1 || years > 1000) {
    throw new ConfigError(
      `ARCHIVE_SEARCH_PARTITION_YEARS=${JSON.stringify(raw)} is not a whole number of years from 1 to 1000. It splits the search index into partitions of that many years each, e.g. ARCHIVE_SEARCH_PARTITION_YEARS=5 (or unset for one index).`,
    );
  }
  return years;
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
  const searchPartitionYears = attempt(() => checkPartitionYears(env.ARCHIVE_SEARCH_PARTITION_YEARS));
  const contentDir = reportsContentDir(env, root);
  // Only a split build reads the archive's years (which parts it has) before Astro starts.
  const years = () => (env.ARCHIVE_BUILD_PART?.trim() ? archiveYears(contentDir) : []);
  const buildPart = attempt(() => parseBuildPart(env.ARCHIVE_BUILD_PART, searchPartitionYears, years())) ?? WHOLE_BUILD;
  const outDir = env.ARCHIVE_OUT_DIR || DEFAULT_OUT_DIR;
  const outProblem = outputFolderProblem(outDir, { root, home, contentDir, contentLinks: contentLinks(contentDir) }, (p) => realpathSync.native(p), existsSync);
  if (outProblem) problems.push(outProblem);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return { root, contentDir, outDir, base, ...(site ? { site } : {}), ...(searchPartitionYears ? { searchPartitionYears } : {}), buildPart };
}
