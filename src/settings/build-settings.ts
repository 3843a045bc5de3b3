/**
 * What one build is: where the reports are, where the site goes and where it is hosted, read from
 * the environment once and checked before Astro starts, so that nothing is written with a setting
 * that is wrong or dangerous. Every problem is reported at once, each naming its variable and fix.
 *   SITE_URL (e.g. https://example.org): the production origin, for absolute URLs.
 *   BASE_PATH (e.g. /archive/): serve the archive under a sub-path.
 *   ARCHIVE_OUT_DIR (default dist/): never the project, its sources or the reports (output-folder.ts).
 *   ARCHIVE_CONTENT_DIR (default content/news/): the folder holding <year>/<slug>.md; it must exist.
 *   ARCHIVE_SEARCH_PARTITION_YEARS (default unset: one index): split the search index into
 *     partitions of this many years each (src/search/build/search-partitions.ts).
 *   ARCHIVE_BUILD_PART (default unset: the whole build): one part of a build split across
 *     machines, a search partition's name or `listings` (src/build-parts/build-part.ts).
 *   ARCHIVE_RENDER_THREADS (default unset: one a core): threads rendering Markdown, checked here
 *     and read by src/reports/render/render-pool.ts.
 * Empty counts as unset; a blank or padded value, or a path starting with ~, is refused
 * (setting-values.ts), and so is a misspelt variable, or a setting in a .env file, which the
 * build does not read (setting-variables.ts: the list of them all).
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentFolderProblem, contentLinks, DEFAULT_CONTENT_DIR, reportsContentDir } from '../reports/content-dir.ts';
import { checkBasePath, checkSiteUrl, ConfigError } from '../urls/url-settings.ts';
import { outputFolderProblem, outputPathProblem, pathKind } from '../output/output-folder.ts';
import { BUILD_PART_VARIABLE, parseBuildPart, WHOLE_BUILD, type BuildPart } from '../build-parts/build-part.ts';
import { archiveYears } from '../build-parts/part-fingerprint.ts';
import { settingPath, settingValue } from './setting-values.ts';
import { envFileProblems, misspeltVariableProblems, type AstroCommand } from './setting-variables.ts';

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
  const value = settingValue('ARCHIVE_SEARCH_PARTITION_YEARS', raw, '5');
  if (value === undefined) return undefined;
  const years = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(years) || years < 1 || years > 1000) {
    throw new ConfigError(
      `ARCHIVE_SEARCH_PARTITION_YEARS=${JSON.stringify(raw)} is not a whole number of years from 1 to 1000. It splits the search index into partitions of that many years each, e.g. ARCHIVE_SEARCH_PARTITION_YEARS=5 (or unset for one index).`,
    );
  }
  return years;
}

/** The most Markdown rendering threads: each holds a pipeline of its own, and more than the cores only wait. */
export const MAX_RENDER_THREADS = 256;

/**
 * ARCHIVE_RENDER_THREADS: how many threads render Markdown (src/reports/render/render-pool.ts), a
 * whole number from 1, or undefined when unset (one a core). Checked with the settings: the pool
 * reads it only once the loader runs, and took anything else for unset.
 */
export function checkRenderThreads(raw: string | undefined): number | undefined {
  const value = settingValue('ARCHIVE_RENDER_THREADS', raw, '4');
  if (value === undefined) return undefined;
  const threads = Number(value);
  if (!/^\d+$/.test(value) || threads < 1 || threads > MAX_RENDER_THREADS) {
    throw new ConfigError(
      `ARCHIVE_RENDER_THREADS=${JSON.stringify(raw)} is not a whole number of threads from 1 to ${MAX_RENDER_THREADS}. It sets how many threads render Markdown, e.g. ARCHIVE_RENDER_THREADS=4 (or unset for one a core: ${os.availableParallelism()} here).`,
    );
  }
  return threads;
}

export const DEFAULT_OUT_DIR = './dist';

/** The symlinks in a folder of reports (none when it is not a folder: that is reported on its own). */
function linksOf(contentDir: string): string[] {
  return statSync(contentDir, { throwIfNoEntry: false })?.isDirectory() ? contentLinks(contentDir) : [];
}

function readIfPresent(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * `envFilesOf`: whose .env files to check: a build's (build-cli.ts, merge-cli.ts), or none, where
 * the command is not known yet (astro.config.mjs: the integration checks them for the command
 * Astro was run for, envFileRefusal).
 */
export function buildSettings(env: NodeJS.ProcessEnv, root: string, home = os.homedir(), envFilesOf: AstroCommand | 'none' = 'build'): BuildSettings {
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
  problems.push(...misspeltVariableProblems(env));
  if (envFilesOf !== 'none') problems.push(...envFileProblems((file) => readIfPresent(path.join(root, file)), env, envFilesOf));
  const base = attempt(() => checkBasePath(env.BASE_PATH)) ?? '/';
  const site = attempt(() => checkSiteUrl(env.SITE_URL));
  const searchPartitionYears = attempt(() => checkPartitionYears(env.ARCHIVE_SEARCH_PARTITION_YEARS));
  attempt(() => checkRenderThreads(env.ARCHIVE_RENDER_THREADS));
  const namedContentDir = attempt(() => reportsContentDir(env, root, home));
  const contentProblem = namedContentDir !== undefined ? contentFolderProblem(namedContentDir, env.ARCHIVE_CONTENT_DIR || undefined) : undefined;
  if (contentProblem) problems.push(contentProblem);
  // With ARCHIVE_CONTENT_DIR refused, the output folder is still checked, against the default one.
  const contentDir = namedContentDir ?? path.resolve(root, DEFAULT_CONTENT_DIR);
  const partName = attempt(() => settingValue(BUILD_PART_VARIABLE, env[BUILD_PART_VARIABLE], 'listings'));
  // Only a split build reads the archive's years (which parts it has) before Astro starts, and
  // only from a folder of reports that is there (else every name would be refused as well).
  const years = () => (partName ? archiveYears(contentDir) : []);
  const buildPart = (namedContentDir && !contentProblem ? attempt(() => parseBuildPart(partName, searchPartitionYears, years())) : undefined) ?? WHOLE_BUILD;
  const outDir = attempt(() => settingPath('ARCHIVE_OUT_DIR', env.ARCHIVE_OUT_DIR, 'build/site', home) ?? DEFAULT_OUT_DIR);
  if (outDir !== undefined) {
    // Where the path cannot be a folder, the real paths compared next would be wrong.
    const outProblem =
      outputPathProblem(outDir, root, pathKind) ??
      outputFolderProblem(outDir, { root, home, contentDir, contentLinks: linksOf(contentDir) }, (p) => realpathSync.native(p), existsSync);
    if (outProblem) problems.push(outProblem);
  }
  if (problems.length > 0 || outDir === undefined) throw new ConfigError(problems.join('\n'));
  return { root, contentDir, outDir, base, ...(site ? { site } : {}), ...(searchPartitionYears ? { searchPartitionYears } : {}), buildPart };
}

/**
 * The refusal of settings in the .env files Vite reads for `command` (setting-variables.ts), or
 * undefined: run when Astro names its command, before it writes anything.
 */
export function envFileRefusal(env: NodeJS.ProcessEnv, root: string, command: AstroCommand): ConfigError | undefined {
  const problems = envFileProblems((file) => readIfPresent(path.join(root, file)), env, command);
  return problems.length > 0 ? new ConfigError(problems.join('\n')) : undefined;
}
