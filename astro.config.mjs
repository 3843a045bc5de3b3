// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { buildSettings } from './src/settings/build-settings.ts';
import { newsArchive } from './src/integration.ts';

// Hosting and folders come from the environment, checked before Astro starts so that a wrong or
// dangerous value (an output folder that is the project itself) stops the build before anything
// is written (src/settings/build-settings.ts); everything else is set by newsArchive() (src/integration.ts),
// which also checks the .env files of the command Astro runs (`astro dev` reads other ones).
const settings = buildSettings(process.env, fileURLToPath(new URL('.', import.meta.url)), undefined, 'none');

export default defineConfig({
  site: settings.site,
  base: settings.base,
  trailingSlash: 'always',
  outDir: settings.outDir,
  integrations: [newsArchive(settings)],
});
