/**
 * Writes the header and error-page files that hosts read from the published folder itself:
 * `_headers` (Netlify, Cloudflare Pages) and `.htaccess` (Apache), with this build's base path.
 * Server-level configurations (nginx, Caddy) are printed by `npm run hosting` instead: they
 * belong in the server's own configuration, not among the files it serves.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { apacheHtaccess, headersFile } from './server-configs.ts';

/** The files this integration writes into the published folder. */
export const HOSTING_FILES = ['_headers', '.htaccess'];

export default function hostingIntegration(): AstroIntegration {
  let base = '/';
  return {
    name: 'news-archive:hosting',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir }) => {
        const siteDir = fileURLToPath(dir);
        await Promise.all([
          writeFile(path.join(siteDir, '_headers'), headersFile(base)),
          writeFile(path.join(siteDir, '.htaccess'), apacheHtaccess(base)),
        ]);
      },
    },
  };
}
