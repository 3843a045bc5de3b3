/**
 * Lets the build read the content store from its file instead of compiling it into JavaScript.
 * Astro bundles the store (every report's data: 10 MB at 10,000 reports, 110 MB when it also
 * held Markdown and HTML) into the prerender bundle as one string literal, and V8 then spent tens
 * of seconds and gigabytes compiling that module: the largest single cost of a build at that
 * size. Here the
 * module reads and parses the same file at run time (a second or so). Only `astro build` is
 * changed; when the file is missing, or a future Astro names the module differently, Astro's
 * own module is used.
 *
 * It also tells pages where the reports loader put each report's HTML, which the store does not
 * hold in a build (src/output/cache/report-html-cache.ts): `virtual:news-archive/report-html` exports
 * the folder, or undefined in `astro dev`, whose store keeps the HTML.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { REPORT_HTML_FOLDER } from '../output/cache/html-cache-key.ts';

/** Astro's resolved id of the content store module (astro/dist/content/consts.js). */
const STORE_MODULE = '\0astro:data-layer-content';
/** The store file of a build (astro/dist/content/paths.js: getDataStoreFile outside dev). */
const STORE_FILE = 'data-store.json';
const HTML_MODULE = 'virtual:news-archive/report-html';

export default function contentStoreFromDisk(): AstroIntegration {
  return {
    name: 'news-archive:content-store-from-disk',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        // The same folder as the loader's (reports-loader.ts), which sees the same config.
        const htmlFolder = command === 'build' ? fileURLToPath(new URL(`${REPORT_HTML_FOLDER}/`, config.cacheDir)) : undefined;
        const htmlModule = {
          name: 'news-archive:report-html-folder',
          resolveId: (id: string) => (id === HTML_MODULE ? `\0${HTML_MODULE}` : null),
          load: (id: string) => (id === `\0${HTML_MODULE}` ? `export const reportHtmlFolder = ${JSON.stringify(htmlFolder)};\n` : null),
        };
        if (command !== 'build') {
          updateConfig({ vite: { plugins: [htmlModule] } });
          return;
        }
        const storeFile = fileURLToPath(new URL(STORE_FILE, config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              htmlModule,
              {
                name: 'news-archive:content-store-from-disk',
                // Astro's own plugin loads the module first; its code is replaced afterwards.
                enforce: 'post',
                transform(_code, id) {
                  if (id !== STORE_MODULE || !existsSync(storeFile)) return null;
                  return {
                    code: `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(storeFile)}, 'utf8'));\n`,
                    map: { mappings: '' },
                  };
                },
              },
            ],
          },
        });
      },
    },
  };
}
