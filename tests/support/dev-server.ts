/** `astro dev` on a free loopback port, for a content folder, with its log kept for the test to read. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './server-process.ts';
import { ROOT } from './paths.ts';

export interface DevServer {
  origin: string;
  /** Everything the server has logged so far. */
  output(): string;
  /** Resolves when the server has logged `pattern` (counting from `from` characters of its output). */
  logged(pattern: RegExp, from?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startDevServer(contentDir: string): Promise<DevServer> {
  const port = await freePort();
  let output = '';
  const dev = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ARCHIVE_CONTENT_DIR: contentDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (chunk) => (output += chunk));
  dev.stderr!.on('data', (chunk) => (output += chunk));
  const logged = (pattern: RegExp, from = 0, timeoutMs = 90_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dev server never logged ${pattern}:\n${output.slice(-3000)}`)), timeoutMs);
      const check = () => {
        if (pattern.test(output.slice(from))) {
          clearTimeout(timer);
          dev.stdout!.off('data', check);
          resolve();
        }
      };
      dev.stdout!.on('data', check);
      check();
    });
  return {
    origin: `http://127.0.0.1:${port}`,
    output: () => output,
    logged,
    stop: async () => {
      if (dev.exitCode !== null) return;
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      dev.kill('SIGTERM');
      await exited;
    },
  };
}
