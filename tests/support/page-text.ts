/**
 * What a report body's page shows, through the real pipeline (src/reports/render/), with its
 * checks (`checked`) or without the ones that refuse a body (`unchecked`): what the page would
 * show if nothing were refused, to compare what a refusal saves.
 */
import assert from 'node:assert/strict';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { unified } from '@astrojs/markdown-remark';
import { markdownOptions } from '../../src/reports/render/markdown-processor.ts';
import { createReportRenderer, renderReport, type RenderOutcome, type ReportRenderer } from '../../src/reports/render/render-report.ts';

const SETTINGS = { syntaxHighlight: false } as const;

async function withoutRefusals(): Promise<ReportRenderer> {
  const base = await createReportRenderer(SETTINGS);
  const options = markdownOptions({ onSanitized: (file, report) => base.reports.set(file.path, report) });
  return { ...base, renderer: await unified(options).createRenderer(SETTINGS) };
}

const checkedRenderer = createReportRenderer(SETTINGS);
const uncheckedRenderer = withoutRefusals();

const job = (body: string, lineOffset: number) => ({ filePath: '/archive/content/2020/report.md', body, frontmatter: {}, lineOffset });

export async function checked(body: string, lineOffset = 0): Promise<RenderOutcome> {
  return renderReport(await checkedRenderer, job(body, lineOffset));
}

export async function unchecked(body: string): Promise<RenderOutcome> {
  return renderReport(await uncheckedRenderer, job(body, 0));
}

/** The page's text; the outcome must be a rendered page. */
export function pageText(outcome: RenderOutcome): string {
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  return toText(fromHtml(outcome.rendered.html, { fragment: true }));
}
