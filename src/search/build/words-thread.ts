/**
 * Reads partitions' words from their bundles (bundle-words.ts) on a thread of their own, and
 * keeps them in the build's cache. The reading costs seconds of CPU at 10,000 reports (gunzip,
 * CBOR and JSON of every fragment and index chunk), and a build's main thread, on which Astro
 * renders the pages and report files, is its bottleneck while a second core is often idle.
 *
 * One thread, one partition at a time (a build indexes them one after another). It is kept
 * between partitions, as a new thread costs about 0.2 s of CPU to start and warm up: a build's six
 * partitions cost 3.3 s of CPU in six threads, 2.2 s in one. While it has no partition to read it
 * does not keep the process alive, and after IDLE_MS it ends. This file is both sides: the thread
 * runs it with THREAD in its `workerData`.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { writeCacheFile } from '../../output/cache/cache-file.ts';
import { readPartitionWords, type PartitionWords } from './bundle-words.ts';
import { UnknownBundleFormat } from './pagefind-format.ts';

export interface WordsJob {
  /** The partition's bundle folder. */
  dir: string;
  name: string;
  digest: string;
  /** Where the words are kept for the next build; undefined: not kept. */
  cacheFile: string | undefined;
}

/** An error of the reading, told across the threads, where only its message and stack would survive. */
interface Failure {
  unknownFormat: boolean;
  name: string;
  message: string;
  stack: string | undefined;
  code: unknown;
}

/**
 * The thread's answer. The words come as their JSON text: the thread writes it to the cache
 * anyway, and parsing it costs the main thread about half of what a structured clone of the
 * object does (tens of thousands of strings a partition).
 */
type Answer = { text: string } | { failure: Failure };

const THREAD = 'partitionWordsThread';
/**
 * Longer than the pages of a partition take to render at 10,000 reports (3-4 s), so that one
 * thread reads a build's partitions, but short enough that it does not hold its memory (up to
 * 150 MB) through the report files, where the build's main thread peaks.
 */
const IDLE_MS = 5_000;

let thread: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
/** The last partition given to the thread: the next one is given when it has been answered. */
let previous: Promise<unknown> = Promise.resolve();

/**
 * A partition's words, read and cached by the thread. A failure is thrown as the same error as
 * the reading in this thread throws: UnknownBundleFormat for a bundle it does not understand.
 */
export function readWordsInThread(job: WordsJob): Promise<PartitionWords> {
  const reading = previous.then(() => ask(job));
  previous = reading.catch(() => {});
  return reading;
}

function readyThread(): Worker {
  clearTimeout(idleTimer);
  if (!thread) {
    const started = new Worker(new URL(import.meta.url), { workerData: { [THREAD]: true } });
    // A failure between partitions (none is read then) only ends it: the next partition starts another.
    started.on('error', () => {});
    started.once('exit', () => {
      if (thread === started) thread = undefined;
    });
    thread = started;
  }
  // Its answer is awaited: the process must not end before it.
  thread.ref();
  return thread;
}

function ask(job: WordsJob): Promise<PartitionWords> {
  const asked = readyThread();
  return new Promise<PartitionWords>((resolve, reject) => {
    const answered = (answer: Answer) => settle(() => ('text' in answer ? resolve(JSON.parse(answer.text) as PartitionWords) : reject(thrown(answer.failure))));
    // The thread itself failed (it could not load, or ran out of memory): it ends.
    const failed = (error: Error) => settle(() => reject(error));
    const ended = (code: number) => settle(() => reject(new Error(`the thread reading the search words of partition ${job.name} ended (exit code ${code}) without answering`)));
    const settle = (finish: () => void) => {
      asked.off('message', answered).off('error', failed).off('exit', ended);
      asked.unref();
      idleTimer = setTimeout(() => {
        // Let go of it before it ends: a partition asked for before its 'exit' must get a new thread.
        if (thread === asked) thread = undefined;
        void asked.terminate();
      }, IDLE_MS).unref();
      finish();
    };
    asked.on('message', answered).on('error', failed).on('exit', ended);
    asked.postMessage(job);
  });
}

function failure(error: unknown): Failure {
  const { name, message, stack, code } = error instanceof Error ? (error as NodeJS.ErrnoException) : { name: 'Error', message: String(error), stack: undefined, code: undefined };
  return { unknownFormat: error instanceof UnknownBundleFormat, name, message, stack, code };
}

/** JavaScript's own errors that a reading may throw (JSON.parse's SyntaxError), by name. */
const BUILT_IN_ERRORS: Record<string, ErrorConstructor> = { SyntaxError, TypeError, RangeError };

function thrown({ unknownFormat, name, message, stack, code }: Failure): Error {
  const error = unknownFormat ? new UnknownBundleFormat(message) : Object.assign(new (BUILT_IN_ERRORS[name] ?? Error)(message), { name }, code === undefined ? {} : { code });
  error.stack = stack;
  return error;
}

async function answer(job: WordsJob): Promise<Answer> {
  try {
    const words = await readPartitionWords(job.dir, job.name, job.digest);
    writeCacheFile(job.cacheFile, words);
    return { text: JSON.stringify(words) };
  } catch (error) {
    return { failure: failure(error) };
  }
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[THREAD]) {
  parentPort!.on('message', (job: WordsJob) => void answer(job).then((message) => parentPort!.postMessage(message)));
}
