/**
 * Runs a real web server (nginx, Apache, Caddy) for the tests: as a child process on a free
 * loopback port, with its configuration, pid, logs and temp files in tests/.tmp/<server>/<name>,
 * nothing system-wide. The built site is linked into a web root at its base path, as an operator
 * would copy it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { normalizeBase } from '../../src/urls/base-urls.ts';
import type { StaticServer } from './server.ts';
import { TMP } from './paths.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerWorkspace {
  /** Scratch folder for this server's config, logs and temp files. */
  dir: string;
  /** The web root; the site is at <webRoot><base>. */
  webRoot: string;
  port: number;
  log: string;
}

/** A fresh scratch folder with a web root holding the site at its base path. */
export async function prepareWorkspace(server: string, name: string, siteDir: string, base: string): Promise<ServerWorkspace> {
  const dir = path.join(TMP, server, name);
  await rm(dir, { recursive: true, force: true });
  const webRoot = path.join(dir, 'www');
  const prefix = normalizeBase(base);
  if (prefix === '/') {
    await mkdir(dir, { recursive: true });
    await symlink(path.resolve(siteDir), webRoot);
  } else {
    const sitePath = path.join(webRoot, prefix).replace(/\/$/, '');
    await mkdir(path.dirname(sitePath), { recursive: true });
    await symlink(path.resolve(siteDir), sitePath);
  }
  return { dir, webRoot, port: await freePort(), log: path.join(dir, 'error.log') };
}

async function waitForPort(port: number, child: ChildProcess, describe: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${await describe()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not listen on ${port}:\n${await describe()}`);
}

export interface ServerCommand {
  binary: string;
  args: string[];
  env?: Record<string, string>;
  /** How to install the binary when missing (for the error message). */
  install: string;
}

/** Starts the server and returns the usual StaticServer handle; close() stops it gracefully. */
export async function startServer(command: ServerCommand, workspace: ServerWorkspace, base: string, stopSignal: NodeJS.Signals = 'SIGTERM'): Promise<StaticServer> {
  if (!existsSync(command.binary)) throw new Error(`${command.binary} not found: ${command.install}`);
  let output = '';
  const child = spawn(command.binary, command.args, { env: { ...process.env, ...command.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await waitForPort(workspace.port, child, async () => `${output}\n${await readFile(workspace.log, 'utf8').catch(() => '')}`);
  const prefix = normalizeBase(base);
  const origin = `http://127.0.0.1:${workspace.port}`;
  return {
    origin,
    url: (sitePath = '') => `${origin}${prefix}${sitePath.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(stopSignal);
      }),
  };
}
