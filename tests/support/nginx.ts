/** nginx serving a built site with the configuration operators get (`nginxConfig`). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { nginxConfig } from '../../src/hosting/server-configs.ts';
import type { StaticServer } from './server.ts';
import { prepareWorkspace, startServer } from './server-process.ts';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface NginxOptions {
  /** Changes the operators' configuration (for tests that serve a deliberately different policy). */
  transform?: (config: string) => string;
}

function mimeTypes(): string {
  const conf = spawnSync(NGINX, ['-V'], { encoding: 'utf8' }).stderr?.match(/--conf-path=(\S+)/)?.[1];
  const file = conf ? path.join(path.dirname(conf), 'mime.types') : '/etc/nginx/mime.types';
  if (!existsSync(file)) throw new Error(`nginx mime.types not found at ${file}`);
  return file;
}

export async function serveWithNginx(name: string, siteDir: string, base = '/', options: NginxOptions = {}): Promise<StaticServer> {
  const workspace = await prepareWorkspace('nginx', name, siteDir, base);
  const { dir, webRoot, port, log } = workspace;
  const temp = path.join(dir, 'temp');
  await mkdir(temp, { recursive: true });
  const server = (options.transform ?? ((c: string) => c))(nginxConfig({ base, root: webRoot, listen: `127.0.0.1:${port}`, serverName: 'localhost' }));
  const config = `# Test harness around the operators' configuration.
${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${log} warn;
events { worker_connections 64; }
http {
  include ${mimeTypes()};
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
${server}
}
`;
  const configFile = path.join(dir, 'nginx.conf');
  await writeFile(configFile, config);
  return startServer(
    { binary: NGINX, args: ['-c', configFile, '-p', dir, '-e', log, '-g', 'daemon off;'], install: 'run `apt-get install -y nginx` (or set NGINX_PATH)' },
    workspace,
    base,
    'SIGQUIT',
  );
}
