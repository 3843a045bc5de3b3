/**
 * A Markdown rendering thread: receives batches of report bodies, answers with their HTML (or the
 * error each one raised), in order. Started by render-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createReportRenderer, renderReport, type RenderJob, type RenderOutcome, type RendererSettings } from './render-report.ts';

const renderer = await createReportRenderer(workerData as RendererSettings);

parentPort!.on('message', async (batch: RenderJob[]) => {
  const outcomes: RenderOutcome[] = [];
  for (const job of batch) outcomes.push(await renderReport(renderer, job));
  parentPort!.postMessage(outcomes);
});
