/**
 * Screenshots of every page type (and the showcase reports) at phone and desktop widths, light and
 * dark, for a person to look at. Not a test; writes PNGs outside the repository.
 *   node tests/tools/screenshots.ts [outDir=/tmp/archive-screenshots]
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from '../support/browser.ts';
import { serveStatic } from '../support/server.ts';
import { buildShowcase, SHOWCASE_REPORTS } from '../support/showcase.ts';
import { pageTypes } from '../support/site-pages.ts';
import { settle, visitPath } from '../support/visit.ts';

const outDir = process.argv[2] ?? '/tmp/archive-screenshots';
await mkdir(outDir, { recursive: true });
const siteDir = await buildShowcase();
const server = await serveStatic(siteDir);
const browser = await launchBrowser();
const paths = new Set([...(await pageTypes(siteDir)).map((t) => t.representative.sitePath), ...Object.values(SHOWCASE_REPORTS)]);
try {
  for (const sitePath of paths) {
    for (const width of [375, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
        await page.goto(server.url(visitPath(sitePath)));
        await settle(page, sitePath);
        const name = `${(sitePath || 'home').replace(/[/.]+/g, '_').replace(/_$/, '')}-${width}-${colorScheme}.png`;
        await page.screenshot({ path: path.join(outDir, name), fullPage: true });
        await page.close();
        console.log(path.join(outDir, name));
      }
    }
  }
  // Print: as the page looks on paper (A4-ish width), for the report with a table and links.
  const print = await browser.newPage({ viewport: { width: 794, height: 1123 } });
  await print.emulateMedia({ media: 'print' });
  for (const sitePath of [SHOWCASE_REPORTS.wideTable, SHOWCASE_REPORTS.first]) {
    await print.goto(server.url(sitePath));
    const name = path.join(outDir, `print-${sitePath.split('/').at(-2)}.png`);
    await print.screenshot({ path: name, fullPage: true });
    console.log(name);
  }
} finally {
  await browser.close();
  await server.close();
}
