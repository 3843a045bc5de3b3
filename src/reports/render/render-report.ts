/**
 * Renders one report body to HTML with exactly the pipeline astro.config.mjs gives Astro
 * (`unified(markdownProcessorOptions)`: remark-gfm, sanitize, external links), so that rendering
 * in a worker thread and rendering in Astro produce the same HTML.
 */
import { pathToFileURL } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import { markdownProcessorOptions } from './markdown-processor.ts';
import { countWords } from '../reading-time.ts';

type MarkdownProcessor = ReturnType<typeof unified>;
type Renderer = Awaited<ReturnType<MarkdownProcessor['createRenderer']>>;
/** The parts of Astro's resolved config the renderer reads (image, syntax highlighting). */
export type RendererSettings = Parameters<MarkdownProcessor['createRenderer']>[0];

export interface RenderJob {
  /** Absolute path of the report, for error messages and relative image paths. */
  filePath: string;
  body: string;
  /** The raw front matter, as Astro passes it to the renderer. */
  frontmatter: Record<string, unknown>;
}

export interface RenderedReport {
  html: string;
  /** `words`: the body's word count, for reading time (the store keeps the HTML, not the Markdown). */
  metadata: Record<string, unknown> & { imagePaths: string[]; words: number };
}

export type RenderOutcome = { ok: true; rendered: RenderedReport } | { ok: false; error: string };

export function createReportRenderer(settings: RendererSettings): Promise<Renderer> {
  return unified(markdownProcessorOptions).createRenderer(settings);
}

export async function renderReport(renderer: Renderer, job: RenderJob): Promise<RenderOutcome> {
  try {
    const result = await renderer.render(job.body, { frontmatter: job.frontmatter, fileURL: pathToFileURL(job.filePath) });
    const { localImagePaths, remoteImagePaths } = result.metadata;
    return {
      ok: true,
      rendered: {
        html: result.code,
        metadata: { ...result.metadata, imagePaths: [...localImagePaths, ...remoteImagePaths], words: countWords(job.body) },
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
