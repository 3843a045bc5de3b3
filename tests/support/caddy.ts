/** Caddy serving a built site with the site block operators get (`caddyfile`). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { caddyfile } from '../../src/hosting/server-configs.ts';
import type { StaticServer } from './server.ts';
import { prepareWorkspace, startServer } from './server-process.ts';

const CADDY = process.env.CADDY_PATH ?? '/usr/bin/caddy';

export async function serveWithCaddy(name: string, siteDir: string, base = '/'): Promise<StaticServer> {
  const workspace = await prepareWorkspace('caddy', name, siteDir, base);
  const { dir, webRoot, port } = workspace;
  // No admin endpoint, no certificates, state kept in the scratch folder.
  const config = `{
  admin off
  auto_https off
  storage file_system ${path.join(dir, 'data')}
}

${caddyfile({ base, root: webRoot, siteAddress: `http://127.0.0.1:${port}` })}`;
  const configFile = path.join(dir, 'Caddyfile');
  await writeFile(configFile, config);
  return startServer(
    {
      binary: CADDY,
      args: ['run', '--config', configFile, '--adapter', 'caddyfile'],
      env: { HOME: dir, XDG_DATA_HOME: path.join(dir, 'data'), XDG_CONFIG_HOME: path.join(dir, 'config') },
      install: 'run `apt-get install -y caddy` (or set CADDY_PATH)',
    },
    workspace,
    base,
  );
}
