/**
 * Reads a build's pages for the completeness check on a thread of its own, as soon as Astro has
 * written them: their links (the parse of every page is most of the check's time: 2 s of CPU at
 * 10,000 reports) and whether they hold an unresolved image, each as read-site-file.ts reads it,
 * with the same stamp cache (page-links.ts). Meanwhile the build's main thread renders the report
 * files (src/output/report-files-integration.ts) and the second core is otherwise idle.
 *
 * A page read here is as it was when stamped: the check takes a reading only for a page that is
 * still there with the same stamp (keep-output removes earlier builds' pages after this reads
 * them; a page written again has another stamp), and reads any other page itself. A page this
 * thread cannot read is left to the check, which then fails on it as it always has; the listing
 * too (a folder removed while it is walked). The thread itself failing fails the check.
 *
 * It never keeps the process alive but while the check waits for it, and ends once it has
 * answered. This file is both sides: the thread runs it with THREAD in its `workerData`.
 */
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { pageLinks } from './page-links.ts';
import { readSiteFile } from './read-site-file.ts';
import { stampFile } from '../output/up-to-date/file-stamps.ts';
import { readCacheFile } from '../output/cache/cache-file.ts';
import { filesUnder } from '../output/files-under.ts';
import { SEARCH_BUNDLE_FOLDER } from '../urls/site-paths.ts';

interface EarlyPagesJob {
  siteDir: string;
  /** The link check's cache file (completeness-integration.ts), as the last build left it. */
  cacheFile: string | undefined;
  /** The link extractor's fingerprint, the cache's identity. */
  extractor: string;
}

/** A page read by the thread, as it was with this stamp. */
export interface EarlyPage {
  stamp: string;
  digest: string;
  links: string[];
  placeholder: boolean;
}

export interface EarlyPages {
  readonly siteDir: string;
  /**
   * The pages the thread read (by path relative to the site folder; not those the cache vouched
   * for unchanged, which the check finds so itself). Rejects if the thread failed.
   */
  readings(): Promise<Map<string, EarlyPage>>;
  /** Ends the thread wherever it is (a new build; the last one never checked its pages). */
  end(): void;
}

type Entry = [file: string, stamp: string, digest: string, links: string[], placeholder: boolean];

/** Thread to check: pages read (JSON text of entries, which the main thread parses in a fraction of a structured clone's time), then `done`. */
type Message = { pages: string } | { done: true };

const THREAD = 'earlyPagesThread';
/** Pages a message: a message of every page of a large archive would be one very long string. */
const BATCH = 1000;

/** Starts reading the pages of `siteDir`; the job goes to the thread once the extractor's fingerprint is known. */
export function readPagesEarly(siteDir: string, cacheFile: string | undefined, extractor: Promise<string>): EarlyPages {
  // A small young generation: the pages it reads are garbage at once, and a default one (up to
  // 48 MB) is kept resident while the build's main thread is at its own peak.
  const thread = new Worker(new URL(import.meta.url), { workerData: { [THREAD]: true }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const batches: string[] = [];
  const answered = new Promise<void>((resolve, reject) => {
    thread.on('message', (message: Message) => {
      if ('pages' in message) batches.push(message.pages);
      else {
        resolve();
        void thread.terminate();
      }
    });
    thread.on('error', (error) => reject(new Error(`The thread reading the built pages for the completeness check failed: ${error.message}`, { cause: error })));
    // Once it has answered, its end changes nothing.
    thread.on('exit', (code) => reject(new Error(`The thread reading the built pages for the completeness check ended (exit code ${code}) without answering`)));
  });
  extractor.then(
    (fingerprint) => thread.postMessage({ siteDir, cacheFile, extractor: fingerprint } satisfies EarlyPagesJob),
    // The check computes the same fingerprint, and fails on it itself.
    () => void thread.terminate(),
  );
  // Awaited by the check; a build that fails before it reports its own error.
  answered.catch(() => {});
  // After its listeners: listening for its messages holds the process too.
  thread.unref();
  return {
    siteDir,
    async readings() {
      thread.ref();
      try {
        await answered;
      } finally {
        thread.unref();
      }
      return readingsOf(batches);
    },
    end: () => void thread.terminate(),
  };
}

/** The thread's answer, by file. */
function readingsOf(batches: readonly string[]): Map<string, EarlyPage> {
  const pages = new Map<string, EarlyPage>();
  for (const batch of batches) {
    for (const [file, stamp, digest, links, placeholder] of JSON.parse(batch) as Entry[]) pages.set(file, { stamp, digest, links, placeholder });
  }
  return pages;
}

/** The thread's work: every page under the folder the cache does not vouch for, read. */
async function readPages({ siteDir, cacheFile, extractor }: EarlyPagesJob, send: (entries: Entry[]) => void): Promise<void> {
  const known = pageLinks(readCacheFile(cacheFile), extractor);
  let files: string[] = [];
  try {
    files = await filesUnder(siteDir, new Set([SEARCH_BUNDLE_FOLDER]));
  } catch {
    return; // a folder removed while walked (keep-output, pruning): the check lists and reads the pages itself
  }
  let entries: Entry[] = [];
  for (const file of files) {
    if (!file.endsWith('.html')) continue;
    const full = path.join(siteDir, file);
    try {
      const stamp = stampFile(full);
      if (known.unchanged(file, stamp)) continue;
      const { page, placeholder } = readSiteFile(full, true, known);
      entries.push([file, stamp, page!.digest, page!.links, placeholder]);
    } catch {
      continue; // read by the check, which fails on it as it always has (or finds it gone)
    }
    if (entries.length === BATCH) {
      send(entries);
      entries = [];
    }
  }
  if (entries.length > 0) send(entries);
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[THREAD]) {
  parentPort!.once('message', async (job: EarlyPagesJob) => {
    await readPages(job, (entries) => parentPort!.postMessage({ pages: JSON.stringify(entries) } satisfies Message));
    parentPort!.postMessage({ done: true } satisfies Message);
  });
}
