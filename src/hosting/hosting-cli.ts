/**
 * Prints a ready-to-use server configuration for this archive, for the BASE_PATH it is built with:
 *   npm run hosting -- nginx [--root /var/www] [--server-name example.org]
 *   npm run hosting -- caddy [--root /var/www] [--server-name example.org]
 *   npm run hosting -- apache | headers      (also written into every build as .htaccess, _headers)
 * The site's files go to <root><BASE_PATH>; e.g. BASE_PATH=/archive/ and --root /var/www means
 * dist/ is copied to /var/www/archive/.
 */
import { parseArgs } from 'node:util';
import { apacheHtaccess, caddyfile, headersFile, nginxConfig } from './server-configs.ts';
import { normalizeBase } from '../urls/base-urls.ts';

const USAGE = 'usage: npm run hosting -- nginx|caddy|apache|headers [--root DIR] [--server-name NAME]';

export function render(argv: string[], env: Record<string, string | undefined>): string {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { root: { type: 'string', default: '/var/www' }, 'server-name': { type: 'string', default: 'example.org' } },
  });
  const base = normalizeBase(env.BASE_PATH);
  const root = values.root.replace(/\/+$/, '');
  const name = values['server-name'];
  switch (positionals[0]) {
    case 'nginx':
      return nginxConfig({ base, root, serverName: name });
    case 'caddy':
      return caddyfile({ base, root, siteAddress: name });
    case 'apache':
      return apacheHtaccess(base);
    case 'headers':
      return headersFile(base);
    default:
      throw new Error(USAGE);
  }
}

if (import.meta.main) {
  try {
    process.stdout.write(render(process.argv.slice(2), process.env));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
