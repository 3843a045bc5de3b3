/**
 * The Astro side of a split build (src/build-parts/build-part.ts): tells pages which part is being
 * built (`virtual:news-archive/build-part`), and, in a part build, writes the part's manifest
 * (src/build-parts/part-manifest.ts) into the output folder once the build has finished. The
 * fingerprint is taken when the build starts, from the files it is about to read.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { listReportFiles } from '../reports/content-dir.ts';
import { reportsOf } from '../search/build/pagefind-integration.ts';
import { reportPath } from '../urls/site-paths.ts';
import { removeInside } from '../output/remove-inside.ts';
import { allPartNames, publishesReport, type BuildPart } from './build-part.ts';
import { archiveYears, partFingerprint } from './part-fingerprint.ts';
import { PART_MANIFEST, partManifestText, type Fingerprint } from './part-manifest.ts';
import type { BuildSettings } from '../settings/build-settings.ts';

const PART_MODULE = 'virtual:news-archive/build-part';

/** The archive's report ids and years (bad names are the content loader's to report). */
async function reportIds(contentDir: string): Promise<{ id: string; year: number }[]> {
  return reportsOf(await listReportFiles(contentDir));
}

/**
 * The absolute URLs of every report page, for the listings part's sitemap, which lists them
 * although that part does not build them (as @astrojs/sitemap writes a page's URL).
 */
export async function reportPageUrls(contentDir: string, site: string, base: string): Promise<string[]> {
  const root = new URL(base, site);
  const prefix = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
  return (await reportIds(contentDir)).map(({ id }) => new URL(`${prefix}${reportPath(id)}`, root).href);
}

export default function buildPartIntegration(settings: BuildSettings): AstroIntegration {
  const part: BuildPart = settings.buildPart;
  let fingerprint: Promise<Fingerprint> | undefined;
  let outDir = '';
  return {
    name: 'news-archive:build-part',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'news-archive:build-part',
                resolveId: (id: string) => (id === PART_MODULE ? `\0${PART_MODULE}` : null),
                load: (id: string) => (id === `\0${PART_MODULE}` ? `export const buildPart = ${JSON.stringify(part)};\n` : null),
              },
            ],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        outDir = path.resolve(fileURLToPath(config.outDir));
      },
      'astro:build:start': async () => {
        // A manifest says the folder holds a finished part: a build that fails must not leave the last one's.
        if (existsSync(outDir)) await removeInside(outDir, PART_MANIFEST);
        if (part.kind !== 'whole') fingerprint = partFingerprint(settings.root, settings.contentDir, settings);
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (part.kind === 'whole' || !fingerprint) return;
        const published = (await reportIds(settings.contentDir)).filter((r) => publishesReport(part, r.year)).map((r) => r.id);
        const manifest = partManifestText({
          format: 1,
          part: part.name,
          parts: allPartNames(archiveYears(settings.contentDir), settings.searchPartitionYears!),
          fingerprint: await fingerprint,
          reports: published.sort(),
        });
        await writeFile(path.join(fileURLToPath(dir), PART_MANIFEST), manifest);
        logger.info(
          `build part ${part.name}: ${part.kind === 'partition' ? `${published.length} report(s) published` : 'the listings'}; merge every part with npm run merge-parts, which checks the whole site`,
        );
      },
    },
  };
}
