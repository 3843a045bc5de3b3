/**
 * Lighthouse scores of the home page, a report and the search page (with results), on the
 * `npm run build` output served by nginx with the shipped configuration (CSP, caching, gzip).
 * Not part of `npm test`: Lighthouse is large and its performance score varies from run to run.
 *   npm run build && npm run lighthouse
 * Runs lighthouse@12.2.3 through npx (LIGHTHOUSE_BIN overrides) with Chromium at CHROME_PATH.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultDist } from '../support/build.ts';
import { serveWithNginx } from '../support/nginx.ts';
import { pageTypes } from '../support/site-pages.ts';
import { TMP } from '../support/paths.ts';
import { SEARCH_QUERY } from '../support/visit.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
// A production build sets SITE_URL (absolute canonical links); LIGHTHOUSE_SITE_DIR points at one.
const siteDir = process.env.LIGHTHOUSE_SITE_DIR ?? defaultDist();
const report = (await pageTypes(siteDir)).find((t) => t.type === 'news/*/*')!.representative.sitePath;
const server = await serveWithNginx('lighthouse', siteDir, '/');
const outDir = path.join(TMP, 'lighthouse');
await mkdir(outDir, { recursive: true });
const command = process.env.LIGHTHOUSE_BIN ? [process.env.LIGHTHOUSE_BIN] : ['npx', '--yes', 'lighthouse@12.2.3'];
const rows: string[] = [];
try {
  for (const [name, sitePath] of [['home', ''], ['report', report], ['search', `search/?q=${SEARCH_QUERY}`]] as const) {
    const output = path.join(outDir, `${name}.json`);
    const run = spawnSync(
      command[0]!,
      [...command.slice(1), server.url(sitePath), '--quiet', '--output=json', `--output-path=${output}`,
        `--only-categories=${CATEGORIES.join(',')}`, '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
      { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } },
    );
    if (run.status !== 0) throw new Error(`lighthouse failed on ${name} (exit ${run.status})`);
    const result = JSON.parse(await readFile(output, 'utf8')) as { categories: Record<string, { score: number }> };
    rows.push(`| ${name} | ${CATEGORIES.map((c) => Math.round(result.categories[c]!.score * 100)).join(' | ')} |`);
  }
} finally {
  await server.close();
}
console.log(`| page | ${CATEGORIES.join(' | ')} |\n| --- |${' ---: |'.repeat(CATEGORIES.length)}\n${rows.join('\n')}`);
