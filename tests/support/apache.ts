/**
 * Apache httpd serving a built site the way the operators' notes say: a plain virtual host that
 * allows .htaccess, with everything else coming from the `.htaccess` the build wrote.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StaticServer } from './server.ts';
import { prepareWorkspace, startServer } from './server-process.ts';

const APACHE = process.env.APACHE_PATH ?? '/usr/sbin/apache2';
const MODULES = process.env.APACHE_MODULES ?? '/usr/lib/apache2/modules';

export async function serveWithApache(name: string, siteDir: string, base = '/'): Promise<StaticServer> {
  const workspace = await prepareWorkspace('apache', name, siteDir, base);
  const { dir, webRoot, port, log } = workspace;
  const modules = ['mpm_event', 'authz_core', 'dir', 'mime', 'headers', 'deflate', 'filter'];
  const config = `ServerRoot "${dir}"
ServerName localhost
Listen 127.0.0.1:${port}
PidFile "${path.join(dir, 'httpd.pid')}"
ErrorLog "${log}"
LogLevel warn
${modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`).join('\n')}
${process.getuid?.() === 0 ? 'User nobody\nGroup nogroup\n' : ''}TypesConfig /etc/mime.types
DocumentRoot "${webRoot}"
<Directory "${webRoot}">
  Options FollowSymLinks
  AllowOverride FileInfo Indexes
  Require all granted
</Directory>
`;
  const configFile = path.join(dir, 'httpd.conf');
  await writeFile(configFile, config);
  return startServer(
    { binary: APACHE, args: ['-f', configFile, '-DFOREGROUND'], install: 'run `apt-get install -y apache2-bin` (or set APACHE_PATH)' },
    workspace,
    base,
    'SIGWINCH',
  );
}
