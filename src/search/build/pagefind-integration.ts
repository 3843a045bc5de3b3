/**
 * Builds the Pagefind index at compile time (astro:build:done) and fails the build unless it
 * holds exactly one record per report. The bundle is kept between builds and pruned to the
 * files the new index uses. Pagefind's service is always closed, even on failure,
 * so a failed build does not hang on its child process.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { countIndexedRecords, recordCountProblem, type PagefindEntryFile } from '../../checks/search-index-check.ts';
import { liveBundleFiles, missingBundleFiles, staleBundleFiles, UnknownBundleFormat } from './search-bundle-files.ts';
import { filesUnder } from '../../output/files-under.ts';
import { removeInside } from '../../output/remove-inside.ts';
import { SEARCH_BUNDLE_FOLDER } from '../../urls/site-paths.ts';

export interface PagefindOptions {
  /** How many reports the build published; the index must hold exactly that many records. */
  expectedRecords: () => Promise<number>;
  /** Work on the finished site to do while Pagefind indexes it in its own process (checks). */
  alongside?: (siteDir: string, logger: AstroIntegrationLogger) => Promise<void>;
}

/** Pagefind's Node API reports failures in `errors` arrays instead of throwing. */
export function failOn(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n  ${errors.join('\n  ')}`);
}

/**
 * Removes the hashed files the new index no longer uses (see src/search/build/search-bundle-files.ts);
 * returns false when the bundle's layout is unknown, and the caller must write it afresh.
 */
async function pruneBundle(siteDir: string, outputPath: string, entry: PagefindEntryFile): Promise<number | false> {
  let live: Set<string>;
  try {
    live = liveBundleFiles(entry, (file) => readFileSync(path.join(outputPath, file)));
  } catch (error) {
    if (error instanceof UnknownBundleFormat) return false;
    throw error;
  }
  const present = await filesUnder(outputPath);
  const missing = missingBundleFiles(present, live);
  if (missing.length > 0) throw new Error(`The search bundle is missing ${missing.length} file(s) its index uses, e.g. ${missing.slice(0, 3).join(', ')}`);
  const stale = staleBundleFiles(present, live);
  await Promise.all(stale.map((file) => removeInside(siteDir, `${SEARCH_BUNDLE_FOLDER}/${file}`)));
  return stale.length;
}

export async function buildSearchIndex(siteDir: string): Promise<{ records: number; outputPath: string; pruned: number }> {
  const outputPath = path.join(siteDir, SEARCH_BUNDLE_FOLDER);
  const readEntry = async () => JSON.parse(await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as PagefindEntryFile;
  try {
    const { index, errors } = await pagefind.createIndex({});
    failOn('createIndex', errors);
    if (!index) throw new Error('Pagefind createIndex returned no index');
    const added = await index.addDirectory({ path: siteDir });
    failOn('addDirectory', added.errors);
    // Into last build's bundle: files that already exist are not written again.
    failOn('writeFiles', (await index.writeFiles({ outputPath })).errors);
    let entry = await readEntry();
    let pruned = await pruneBundle(siteDir, outputPath, entry);
    if (pruned === false) {
      await removeInside(siteDir, SEARCH_BUNDLE_FOLDER, { recursive: true });
      failOn('writeFiles', (await index.writeFiles({ outputPath })).errors);
      entry = await readEntry();
      pruned = 0;
    }
    return { records: countIndexedRecords(entry), outputPath, pruned };
  } finally {
    await pagefind.close();
  }
}

export default function pagefindIntegration(options: PagefindOptions): AstroIntegration {
  return {
    name: 'news-archive:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const siteDir = fileURLToPath(dir);
        const [{ records, pruned }, reports] = await Promise.all([
          buildSearchIndex(siteDir),
          options.expectedRecords(),
          options.alongside?.(siteDir, logger),
        ]);
        const problem = recordCountProblem(records, reports);
        if (problem) throw new Error(problem);
        const removed = pruned > 0 ? `; ${pruned} file(s) the index no longer uses removed` : '';
        logger.info(`search index: ${records} records in ${Math.round(performance.now() - started)} ms${removed}`);
      },
    },
  };
}
