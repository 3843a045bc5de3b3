/**
 * A real nginx serving a built site with the configuration operators get (`nginxConfig`), on a
 * loopback port, as a child process of the tests: config, pid, logs and temp files under
 * tests/.tmp/nginx/<name>, nothing system-wide. The site is linked into a web root at its base.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { nginxConfig } from '../../src/lib/hosting.ts';
import { normalizeBase } from '../../src/lib/urls.ts';
import type { StaticServer } from './server.ts';
import { TMP } from './paths.ts';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface NginxOptions {
  /** Replaces the server block (for tests that serve a deliberately different policy). */
  transform?: (config: string) => string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function mimeTypes(): string {
  const conf = spawnSync(NGINX, ['-V'], { encoding: 'utf8' }).stderr.match(/--conf-path=(\S+)/)?.[1];
  const file = conf ? path.join(path.dirname(conf), 'mime.types') : '/etc/nginx/mime.types';
  if (!existsSync(file)) throw new Error(`nginx mime.types not found at ${file}`);
  return file;
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${await readFile(log, 'utf8').catch(() => '')}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}:\n${await readFile(log, 'utf8').catch(() => '')}`);
}

export async function serveWithNginx(name: string, siteDir: string, base = '/', options: NginxOptions = {}): Promise<StaticServer> {
  if (!existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX}: run \`apt-get install -y nginx\` (or set NGINX_PATH)`);
  const prefix = normalizeBase(base);
  const dir = path.join(TMP, 'nginx', name);
  await rm(dir, { recursive: true, force: true });
  const webRoot = path.join(dir, 'www');
  await mkdir(path.join(dir, 'temp'), { recursive: true });
  const sitePath = path.join(webRoot, prefix);
  await mkdir(path.dirname(sitePath.replace(/\/$/, '')), { recursive: true });
  if (prefix === '/') await rm(webRoot, { recursive: true, force: true });
  await symlink(path.resolve(siteDir), sitePath.replace(/\/$/, ''));
  const port = await freePort();
  const server = (options.transform ?? ((c: string) => c))(nginxConfig({ base, root: webRoot, listen: `127.0.0.1:${port}`, serverName: 'localhost' }));
  const log = path.join(dir, 'error.log');
  const temp = path.join(dir, 'temp');
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
  const child = spawn(NGINX, ['-c', configFile, '-p', dir, '-e', log, '-g', 'daemon off;'], { stdio: 'ignore' });
  await waitForPort(port, child, log);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (sitePath = '') => `${origin}${prefix}${sitePath.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
      }),
  };
}
