/**
 * Renders one report body to HTML with exactly the pipeline astro.config.mjs gives Astro
 * (`unified(markdownOptions())`: remark-gfm, tagfilter, raw HTML, sanitize, external links), so
 * that rendering in a worker thread and rendering in Astro produce the same HTML. What the
 * sanitiser removed travels with the HTML, in the metadata, for the loader to log.
 */
import { pathToFileURL } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import { markdownOptions } from './markdown-processor.ts';
import type { SanitizeReport } from './sanitize/rehype-sanitize-reported.ts';
import { formatBodyProblems, type BodyProblem } from './problems/body-problems.ts';
import { countWords } from '../reading-time.ts';

type MarkdownProcessor = ReturnType<typeof unified>;
type Renderer = Awaited<ReturnType<MarkdownProcessor['createRenderer']>>;
/** The parts of Astro's resolved config the renderer reads (image, syntax highlighting). */
export type RendererSettings = Parameters<MarkdownProcessor['createRenderer']>[0];

/**
 * Part of the pipeline's fingerprint (pipeline-fingerprint.ts), which already follows this
 * pipeline's code, packages and settings; bump it when the output changes for a reason that
 * fingerprint cannot see (a system library, say), to render every stored report again.
 */
export const RENDER_VERSION = 8;

export interface RenderJob {
  /** Absolute path of the report, for error messages and relative image paths. */
  filePath: string;
  body: string;
  /** The raw front matter, as Astro passes it to the renderer. */
  frontmatter: Record<string, unknown>;
  /** Lines of the file before the body (its front matter), so reported lines are the file's. */
  lineOffset?: number;
}

export interface RenderedReport {
  html: string;
  /**
   * `words`: the body's word count, for reading time (the store keeps the HTML, not the Markdown).
   * `localImagePaths`: images as written, relative to the report's file.
   * `sanitized`: what the sanitiser removed, with the file's line numbers.
   */
  metadata: Record<string, unknown> & {
    imagePaths: string[];
    localImagePaths: string[];
    words: number;
    sanitized: SanitizeReport;
    renderVersion: number;
  };
}

export type RenderOutcome = { ok: true; rendered: RenderedReport } | { ok: false; error: string };

export interface ReportRenderer {
  renderer: Renderer;
  /** Each rendered file's sanitiser report, by path, until renderReport takes it. */
  reports: Map<string, SanitizeReport>;
  /** Each rendered file's problems (problems/body-problems.ts), by path, until renderReport takes them. */
  problems: Map<string, BodyProblem[]>;
}

export async function createReportRenderer(settings: RendererSettings): Promise<ReportRenderer> {
  const reports = new Map<string, SanitizeReport>();
  const problems = new Map<string, BodyProblem[]>();
  const options = markdownOptions({
    onSanitized: (file, report) => reports.set(file.path, report),
    onProblems: (file, found) => problems.set(file.path, [...(problems.get(file.path) ?? []), ...found]),
  });
  return { renderer: await unified(options).createRenderer(settings), reports, problems };
}

function withLineOffset(report: SanitizeReport, offset: number): SanitizeReport {
  if (offset === 0) return report;
  return { ...report, removed: report.removed.map((r) => ({ ...r, lines: r.lines.map((line) => line + offset) })) };
}

export async function renderReport({ renderer, reports, problems: problemsByFile }: ReportRenderer, job: RenderJob): Promise<RenderOutcome> {
  try {
    const result = await renderer.render(job.body, { frontmatter: job.frontmatter, fileURL: pathToFileURL(job.filePath) });
    const problems = problemsByFile.get(job.filePath);
    if (problems) return { ok: false, error: formatBodyProblems(problems, job.lineOffset ?? 0) };
    const { localImagePaths, remoteImagePaths } = result.metadata;
    const sanitized = reports.get(job.filePath) ?? { removed: [], lostWords: [] };
    return {
      ok: true,
      rendered: {
        html: result.code,
        metadata: {
          ...result.metadata,
          imagePaths: [...localImagePaths, ...remoteImagePaths],
          words: countWords(job.body),
          sanitized: withLineOffset(sanitized, job.lineOffset ?? 0),
          renderVersion: RENDER_VERSION,
        },
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    reports.delete(job.filePath);
    problemsByFile.delete(job.filePath);
  }
}
