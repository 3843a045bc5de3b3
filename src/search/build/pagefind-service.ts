/**
 * Pagefind's Node API, with the two ways its service left a build waiting for ever closed off.
 * Every part of the build that indexes goes through here, never through `pagefind` itself.
 *
 * - Its process ends unasked (the system's out-of-memory killer, a crash): Pagefind's wrapper
 *   does not watch for that, and every answer it awaited never came. Here the process is watched
 *   from the moment it is started; when it ends unasked, the service is closed, which fails every
 *   waiting call, and the failure says why and what to do.
 * - It cannot make its output folder: the service panics and never answers. writePagefindFiles
 *   makes the folder first, so the failure names it.
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import * as pagefind from 'pagefind';

export type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;
export type PagefindIndexOptions = Parameters<typeof pagefind.createIndex>[0];

interface Service {
  process: ChildProcess;
  /** This build asked it to stop: its exit is no failure. */
  closing: boolean;
  /** Why it ended unasked. */
  ended?: PagefindStopped;
  /** Resolves when its process has exited. */
  exited: Promise<void>;
}

/**
 * How long a failed call waits for the process's exit before it gives its own error: a process
 * killed while pages are being written to it fails those writes (EPIPE) before its exit is seen.
 */
const EXIT_PATIENCE_MS = 2_000;

/** The service running now, as started through createIndex. */
let service: Service | undefined;

export class PagefindStopped extends Error {}

function stoppedError(code: number | null, signal: NodeJS.Signals | null): PagefindStopped {
  const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
  const memory = signal === 'SIGKILL' ? ' (on Linux, usually the system ending it for want of memory)' : '';
  return new PagefindStopped(
    `Pagefind's indexing process ${how}${memory} before the search index was written: the build fails, as its search would miss reports. ` +
      'Build again with more memory free, or build the archive in parts (README, "Splitting the build across machines")',
  );
}

function watch(process: ChildProcess): Service {
  let exited!: () => void;
  const watched: Service = { process, closing: false, exited: new Promise((resolve) => (exited = resolve)) };
  process.once('exit', (code, signal) => {
    exited();
    if (watched.closing) return;
    watched.ended = stoppedError(code, signal);
    watched.closing = true;
    if (service === watched) service = undefined;
    // Pagefind's own close fails every call still waiting for an answer.
    void pagefind.close();
  });
  return watched;
}

/**
 * A call on an index of `owner`: explained when it failed because the service ended unasked, and
 * refused once it has (Pagefind would start a new service that does not know the index).
 */
function watchedCall<T>(owner: Service | undefined, call: () => Promise<T>): Promise<T> {
  if (owner?.ended) return Promise.reject(new PagefindStopped(owner.ended.message));
  return call().catch(async (error: unknown) => {
    if (owner && !owner.closing) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([owner.exited, new Promise((resolve) => (timer = setTimeout(resolve, EXIT_PATIENCE_MS)))]);
      clearTimeout(timer);
    }
    throw owner?.ended ? new PagefindStopped(owner.ended.message, { cause: error }) : error;
  });
}

export async function createIndex(options: PagefindIndexOptions): ReturnType<typeof pagefind.createIndex> {
  // Pagefind starts its service inside createIndex, synchronously, when none runs: the process is
  // caught as it is spawned, and only there.
  const spawn = childProcess.spawn;
  let started: ChildProcess | undefined;
  childProcess.spawn = ((...args: Parameters<typeof spawn>) => (started = spawn(...args))) as typeof spawn;
  let creating: ReturnType<typeof pagefind.createIndex>;
  try {
    creating = pagefind.createIndex(options);
  } finally {
    childProcess.spawn = spawn;
  }
  if (started) service = watch(started);
  const owner = service;
  const created = await watchedCall(owner, () => creating);
  if (!created.index) return created;
  const methods = Object.entries(created.index).map(([name, method]) => [
    name,
    typeof method === 'function' ? (...args: unknown[]) => watchedCall(owner, () => (method as (...a: unknown[]) => Promise<unknown>)(...args)) : method,
  ]);
  return { ...created, index: Object.fromEntries(methods) as PagefindIndex };
}

/** Ends the service (its memory is given back), as asked: its exit is no failure. */
export async function close(): Promise<void> {
  if (service) {
    service.closing = true;
    service = undefined;
  }
  await pagefind.close();
}

export async function writePagefindFiles(index: PagefindIndex, outputPath: string): ReturnType<PagefindIndex['writeFiles']> {
  try {
    await mkdir(outputPath, { recursive: true });
  } catch (error) {
    throw new Error(`The search index cannot be written into ${outputPath} (${(error as Error).message}): remove the file that stands where that folder or one of its parents must be`, { cause: error });
  }
  return index.writeFiles({ outputPath });
}
