/**
 * Apache httpd serving a built site the way the operators' notes say: a plain host that allows
 * .htaccess, with everything else coming from the `.htaccess` the build wrote.
 */
import { chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { normalizeBase } from '../../src/urls/base-urls.ts';
import type { StaticServer } from './server.ts';
import { prepareWorkspace, startServer } from './server-process.ts';

const APACHE = process.env.APACHE_PATH ?? '/usr/sbin/apache2';
const MODULES = process.env.APACHE_MODULES ?? '/usr/lib/apache2/modules';

/**
 * Apache refuses to serve as root, so under root its workers run as `nobody`, which may not be
 * able to enter the checkout's folders: then the web root is a world-readable copy in the temp dir.
 */
async function worldReadableWebRoot(siteDir: string, base: string): Promise<{ webRoot: string; remove: () => Promise<void> }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'news-archive-apache-'));
  await chmod(parent, 0o755);
  const webRoot = path.join(parent, 'www');
  await cp(siteDir, path.join(webRoot, normalizeBase(base)), { recursive: true });
  return { webRoot, remove: () => rm(parent, { recursive: true, force: true }) };
}

export async function serveWithApache(name: string, siteDir: string, base = '/'): Promise<StaticServer> {
  const workspace = await prepareWorkspace('apache', name, siteDir, base);
  const asRoot = process.getuid?.() === 0;
  const { webRoot, remove } = asRoot ? await worldReadableWebRoot(siteDir, base) : { webRoot: workspace.webRoot, remove: async () => {} };
  const { dir, port, log } = workspace;
  const modules = ['mpm_event', 'authz_core', 'dir', 'mime', 'headers', 'deflate', 'filter', 'alias'];
  const config = `ServerRoot "${dir}"
ServerName localhost
Listen 127.0.0.1:${port}
PidFile "${path.join(dir, 'httpd.pid')}"
ErrorLog "${log}"
LogLevel warn
${modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`).join('\n')}
${asRoot ? 'User nobody\nGroup nogroup\n' : ''}TypesConfig /etc/mime.types
DocumentRoot "${webRoot}"
<Directory "${webRoot}">
  Options FollowSymLinks
  AllowOverride FileInfo Indexes
  Require all granted
</Directory>
`;
  const configFile = path.join(dir, 'httpd.conf');
  await writeFile(configFile, config);
  try {
    const server = await startServer(
      { binary: APACHE, args: ['-f', configFile, '-DFOREGROUND'], install: 'run `apt-get install -y apache2-bin` (or set APACHE_PATH)' },
      workspace,
      base,
      'SIGWINCH',
    );
    return { ...server, close: () => server.close().then(remove) };
  } catch (error) {
    await remove();
    throw error;
  }
}
