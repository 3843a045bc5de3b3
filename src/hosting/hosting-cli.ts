/**
 * Prints a ready-to-use server configuration for this archive, for the BASE_PATH it is built with:
 *   npm run hosting -- nginx [--root /var/www] [--server-name example.org]
 *   npm run hosting -- caddy [--root /var/www] [--server-name example.org]
 *   npm run hosting -- apache | headers      (also written into every build as .htaccess, _headers)
 * The site's files go to <root><BASE_PATH>; e.g. BASE_PATH=/archive/ and --root /var/www means
 * dist/ is copied to /var/www/archive/.
 * Every value ends up in a server's configuration, so each is checked before anything is printed
 * (src/urls/url-settings.ts): a wrong one prints the reason and exits with 2, printing nothing else.
 */
import { parseArgs } from 'node:util';
import { apacheHtaccess, caddyfile, headersFile, nginxConfig } from './server-configs.ts';
import { checkBasePath, checkServerName, checkWebRoot } from '../urls/url-settings.ts';

const USAGE = 'usage: npm run hosting -- nginx|caddy|apache|headers [--root DIR] [--server-name NAME]';

export function render(argv: string[], env: Record<string, string | undefined>): string {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { root: { type: 'string', default: '/var/www' }, 'server-name': { type: 'string', default: 'example.org' } },
  });
  const base = checkBasePath(env.BASE_PATH);
  const root = checkWebRoot(values.root);
  const name = values['server-name'];
  switch (positionals[0]) {
    case 'nginx':
      return nginxConfig({ base, root, serverName: checkServerName('nginx', name) });
    case 'caddy':
      return caddyfile({ base, root, siteAddress: checkServerName('caddy', name) });
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
