/**
 * Renders many report bodies on all cores. Markdown rendering is most of a cold build's time and
 * runs on one thread in Astro's own loader; here batches go to a pool of worker threads, each
 * with the same pipeline (render-report.ts). Few bodies (a warm rebuild after an edit) are
 * rendered on the calling thread, where starting workers would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkRenderThreads } from '../../settings/build-settings.ts';
import { createReportRenderer, renderReport, type RenderJob, type RenderOutcome, type RendererSettings } from './render-report.ts';

export interface RenderPoolOptions {
  settings: RendererSettings;
  /** Worker threads to use; defaults to ARCHIVE_RENDER_THREADS or the number of cores. */
  threads?: number;
  /** Below this many jobs, render on the calling thread. */
  minJobsForWorkers?: number;
  batchSize?: number;
}

/** ARCHIVE_RENDER_THREADS, refused by the build settings unless a whole number from 1; unset: one a core. */
export function renderThreads(env: NodeJS.ProcessEnv = process.env): number {
  return checkRenderThreads(env.ARCHIVE_RENDER_THREADS) ?? availableParallelism();
}

function cloneable(settings: RendererSettings): boolean {
  try {
    structuredClone(settings);
    return true;
  } catch {
    return false; // e.g. Shiki transformers are functions: they cannot cross to a thread
  }
}

async function renderHere(jobs: RenderJob[], settings: RendererSettings): Promise<RenderOutcome[]> {
  const renderer = await createReportRenderer(settings);
  const outcomes: RenderOutcome[] = [];
  for (const job of jobs) outcomes.push(await renderReport(renderer, job));
  return outcomes;
}

async function renderInWorkers(jobs: RenderJob[], settings: RendererSettings, threads: number, batchSize: number): Promise<RenderOutcome[]> {
  const outcomes: RenderOutcome[] = new Array(jobs.length);
  const batches: number[] = [];
  for (let start = 0; start < jobs.length; start += batchSize) batches.push(start);
  const workers: Worker[] = [];
  try {
    return await new Promise<RenderOutcome[]>((resolve, reject) => {
      let nextBatch = 0;
      let finishedBatches = 0;
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(new Error(`a Markdown rendering thread failed: ${error.message}`));
      };
      const feed = (worker: Worker) => {
        if (nextBatch >= batches.length) return;
        const start = batches[nextBatch++]!;
        worker.once('message', (batch: RenderOutcome[]) => {
          batch.forEach((outcome, i) => (outcomes[start + i] = outcome));
          finishedBatches++;
          if (finishedBatches === batches.length) resolve(outcomes);
          else feed(worker);
        });
        worker.postMessage(jobs.slice(start, start + batchSize));
      };
      for (let i = 0; i < Math.min(threads, batches.length); i++) {
        const worker = new Worker(new URL('./render-worker.ts', import.meta.url), { workerData: settings });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0 && finishedBatches < batches.length) fail(new Error(`exit code ${code}`));
        });
        workers.push(worker);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Renders every job; the outcomes are in the jobs' order, one per job, failures included. */
export function renderAll(jobs: RenderJob[], options: RenderPoolOptions): Promise<RenderOutcome[]> {
  const threads = options.threads ?? renderThreads();
  const minJobs = options.minJobsForWorkers ?? 64;
  if (threads < 2 || jobs.length < minJobs || !cloneable(options.settings)) return renderHere(jobs, options.settings);
  return renderInWorkers(jobs, options.settings, threads, options.batchSize ?? 32);
}
