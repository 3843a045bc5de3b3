/**
 * Builds the Pagefind index at compile time (astro:build:done) and fails the build unless it
 * holds exactly one record per report. Pagefind's service is always closed, even on failure,
 * so a failed build does not hang on its child process.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { countIndexedRecords, recordCountProblem, type PagefindEntryFile } from '../lib/search-index-check.ts';

export interface PagefindOptions {
  /** How many reports the build published; the index must hold exactly that many records. */
  expectedRecords: () => Promise<number>;
}

function failOn(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n  ${errors.join('\n  ')}`);
}

export async function buildSearchIndex(siteDir: string): Promise<{ records: number; outputPath: string }> {
  const outputPath = path.join(siteDir, 'pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    failOn('createIndex', errors);
    if (!index) throw new Error('Pagefind createIndex returned no index');
    const added = await index.addDirectory({ path: siteDir });
    failOn('addDirectory', added.errors);
    const written = await index.writeFiles({ outputPath });
    failOn('writeFiles', written.errors);
    const entry = JSON.parse(await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as PagefindEntryFile;
    return { records: countIndexedRecords(entry), outputPath };
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
        const [{ records }, reports] = await Promise.all([buildSearchIndex(siteDir), options.expectedRecords()]);
        const problem = recordCountProblem(records, reports);
        if (problem) throw new Error(problem);
        logger.info(`search index: ${records} records in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
