// @ts-check
import { defineConfig } from 'astro/config';
import { buildSettings } from './src/build-settings.ts';
import { newsArchive } from './src/integration.ts';

// Hosting and folders come from the environment (src/build-settings.ts); everything else the
// archive needs is set by newsArchive() (src/integration.ts).
const settings = buildSettings();

export default defineConfig({
  site: settings.site,
  base: settings.base,
  trailingSlash: 'always',
  outDir: settings.outDir,
  integrations: [newsArchive(settings)],
});
