/**
 * The `reports` collection's loader. Like Astro's glob loader (one entry per <year>/<slug>.md, kept
 * from one build to the next unless the file's digest changed), but strict and parallel:
 * - strict: Astro logs and carries on when a file cannot be read or rendered (publishing an empty
 *   page) and derives ids that two files can share; an archive of record must fail instead,
 *   naming the file and the fix;
 * - parallel: the Markdown of new and changed reports is rendered on every core
 *   (render-pool.ts), which is most of a cold build's time at 10,000 reports;
 * - telling: what the sanitiser removed from a report's raw HTML is logged as a warning, naming
 *   the file and lines, on every build; a local image outside the content folder fails it;
 * - whole: every report's attachments are looked for on every build, and a missing one fails it.
 */
import { access, open, readFile, realpath, stat } from 'node:fs/promises';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { listReportFiles } from './content-dir.ts';
import { reportIdFromPath } from './report-path.ts';
import { checkRawReport, findDuplicateIds, formatProblems, type RawReportCheck } from './raw-report-check.ts';
import { findForbiddenCharacter } from './text-rules.ts';
import {
  activeSvgContent,
  activeSvgMessage,
  imageOutsideMessage,
  isInside,
  isRasterImage,
  missingImageMessage,
  resolveLocalImage,
  unpublishedImageMessage,
} from './local-images.ts';
import { attachmentStamp, findAttachmentFiles, type AttachmentFile } from './attachments/attachment-files.ts';
import { findLeadImageFile, leadImageSrc, leadImageStamp, type LeadImageFile } from './lead-image/lead-image-file.ts';
import { ASTRO_IMAGE_PREFIX } from './lead-image/lead-image-rules.ts';
import { sanitizeWarning } from './render/sanitize/sanitize-message.ts';
import type { SanitizeReport } from './render/sanitize/rehype-sanitize-reported.ts';
import { renderAll } from './render/render-pool.ts';
import type { RenderJob, RendererSettings } from './render/render-report.ts';
import { pipelineFingerprint } from './render/pipeline-fingerprint.ts';
import { schemaFingerprint } from './schema-fingerprint/schema-fingerprint.ts';
import { htmlCacheKey, isHtmlCacheKey, REPORT_HTML_FOLDER } from '../output/cache/html-cache-key.ts';
import { openReportHtmlCache, type ReportHtmlCache } from '../output/cache/report-html-cache.ts';
import { encodeStamp, rawCheckFingerprint, sourceStamp, trustedUnchanged, type SourceStamp } from './source-stamp/source-stamp.ts';
import type { DatedReport } from '../build-parts/build-part.ts';

/**
 * In one part of a split build (src/build-parts/build-part.ts): `render` gives the ids of the
 * reports whose Markdown this build renders, given every report's date. The others are checked
 * and stored with their front matter and file sizes only (listings, feeds' enclosures and
 * neighbours need no more); the part that publishes them renders them. Every report rendered
 * imports its body's images, those rendered for the feeds too: the feeds show them as the page
 * does (publishedReportHtml), so every part publishes the same image files, as the merge requires.
 */
export interface RenderScope {
  render(reports: readonly DatedReport[]): Set<string>;
}

/** What the precheck found: each report's text by path relative to the folder (undefined: not read, its stamp vouched for it), and each file's stamp. */
export interface CheckedSources {
  texts: Map<string, string | undefined>;
  stamps: Map<string, SourceStamp>;
}

/**
 * Reads and checks every report, except those whose stamp the stored entry vouches for
 * (source-stamp/source-stamp.ts): their bytes, and so the raw check's verdict on them, are those of the last
 * sync. Ids are checked over every file: they come from the names.
 */
export async function checkContentFolder(
  contentDir: string,
  check = '',
  trusted: (file: string, stamp: SourceStamp) => boolean = () => false,
): Promise<CheckedSources> {
  if (!existsSync(contentDir)) {
    throw new Error(
      `The news folder ${contentDir} does not exist: create it, or point ARCHIVE_CONTENT_DIR at the folder holding <year>/<slug>.md reports.`,
    );
  }
  const files = await listReportFiles(contentDir);
  if (files.length === 0) {
    throw new Error(
      `No reports found in ${contentDir}: add one with \`npm run import -- report.txt\`, or point ARCHIVE_CONTENT_DIR at a folder of <year>/<slug>.md files.`,
    );
  }
  const texts = new Map<string, string | undefined>();
  const stamps = new Map<string, SourceStamp>();
  const checks: (RawReportCheck & { file: string })[] = [];
  // Synchronously: a promise stat and read of a small file costs several times the time and CPU,
  // and a build reads up to 100,000 of them here.
  for (const file of files) {
    // The clock before the stat, and the stat before the read: a stamp never vouches for bytes older than it.
    const stampedAt = Date.now();
    const stamp = sourceStamp(statSync(path.join(contentDir, file)), stampedAt, check);
    const text = trusted(file, stamp) ? undefined : readFileSync(path.join(contentDir, file), 'utf8');
    texts.set(file, text);
    stamps.set(file, stamp);
    if (text !== undefined) {
      checks.push({ file, ...checkRawReport(file, text) });
    } else {
      const id = reportIdFromPath(file);
      checks.push({ file, id: id.ok ? id.id : undefined, problems: [] });
    }
  }
  const problems = [...checks.flatMap((c) => c.problems), ...findDuplicateIds(checks)];
  if (problems.length > 0) {
    throw new Error(`${problems.length} problem(s) in ${contentDir}; nothing was published:\n${formatProblems(problems)}`);
  }
  return { texts, stamps };
}

/** Turns the glob loader's logged errors into a failed build. */
function failingLogger(context: LoaderContext, errors: string[]): LoaderContext['logger'] {
  const logger = context.logger;
  return new Proxy(logger, {
    get(target, property, receiver) {
      if (property === 'error') {
        return (message: string) => {
          errors.push(message);
          target.error(message);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Wraps a loader so that a failed precheck, or any error the loader logs (Astro's glob loader logs
 * unreadable and unrenderable files and carries on), fails the build instead.
 */
export function strictLoader(inner: Loader, precheck: (context: LoaderContext) => Promise<void>): Loader {
  return {
    name: `strict-${inner.name}`,
    async load(context) {
      await precheck(context);
      const errors: string[] = [];
      await inner.load({ ...context, logger: failingLogger(context, errors) });
      if (errors.length > 0) {
        throw new Error(`${errors.length} report(s) could not be read or rendered; nothing was published:\n  ${errors.join('\n  ')}`);
      }
    },
  };
}

/** Astro's handler for `.md` entries (front matter parsing), passed to loaders beside the public context. */
interface MarkdownEntryType {
  getEntryInfo(input: { contents: string; fileUrl: URL }): Promise<{ body: string; data: Record<string, unknown> }>;
}
type FullLoaderContext = LoaderContext & {
  entryTypes?: Map<string, MarkdownEntryType>;
  store: LoaderContext['store'] & { addAssetImports?: (assets: string[], filePath: string) => void };
};

/** What Astro's own Markdown renderer gets from the config (vite-plugin-markdown/content-entry-type). */
function rendererSettings(config: LoaderContext['config']): RendererSettings {
  const { markdown, image } = config;
  return { image, syntaxHighlight: markdown.syntaxHighlight, shikiConfig: markdown.shikiConfig, gfm: markdown.gfm, smartypants: markdown.smartypants };
}

/**
 * The body with the white space of its first and last lines that Astro's trim (JavaScript's
 * `trim`) took and Markdown would not: a no-break or ideographic space (`\u00A0# Vote` is text,
 * not a heading; `## Vote #\u00A0` keeps its `#`) and a first line's indentation (four spaces make
 * it code). Blank lines around the body mean nothing to Markdown and stay trimmed. With it, the
 * lines of the file before the body (its front matter), for the line numbers of its problems.
 */
export function bodyAsWritten(contents: string, trimmed: string): { body: string; linesBefore: number } {
  const at = trimmed ? contents.lastIndexOf(trimmed) : -1;
  if (at < 0) return { body: trimmed, linesBefore: 0 };
  let start = at;
  while (start > 0 && /[^\S\r\n]/.test(contents[start - 1]!)) start--;
  let end = at + trimmed.length;
  while (end < contents.length && /[^\S\r\n]/.test(contents[end]!)) end++;
  return { body: contents.slice(start, end), linesBefore: contents.slice(0, start).split('\n').length - 1 };
}

/** The bytes of an image file unless its first bytes say it is a raster image (or it cannot be read: Astro reports that). */
async function readImageIfNotRaster(file: string): Promise<Uint8Array | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const head = new Uint8Array(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (isRasterImage(head.subarray(0, bytesRead))) return undefined;
    return await readFile(file);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * The messages for local images of a report that do not exist (Astro's own error names the
 * image but not the report), that Astro would not publish, that lie outside the
 * content folder, or that are (or may be published as) SVG holding active content (see
 * local-images.ts). Run for unchanged reports too: the image is a
 * file of its own, which can change while the report does not.
 */
async function imageProblems(contentDir: string, file: string, images: readonly string[]): Promise<string[]> {
  if (images.length === 0) return [];
  const reportPath = path.join(contentDir, file);
  const realContentDir = await realpath(contentDir).catch(() => contentDir);
  const problems: string[] = [];
  for (const image of images) {
    const unpublished = unpublishedImageMessage(file, image);
    if (unpublished) {
      problems.push(unpublished);
      continue;
    }
    const resolved = resolveLocalImage(reportPath, image);
    // A symbolic link inside the folder that points outside it publishes what it points to.
    const real = await realpath(resolved).catch(() => resolved);
    if (!isInside(contentDir, resolved) || !isInside(realContentDir, real)) {
      problems.push(imageOutsideMessage(file, image, real, contentDir));
    } else if (!(await access(real).then(() => true, () => false))) {
      problems.push(missingImageMessage(file, image, resolved));
    } else {
      // Whatever is not a raster image may be published as SVG, whatever its name (local-images.ts).
      const bytes = await readImageIfNotRaster(real);
      const active = bytes === undefined ? undefined : activeSvgContent(bytes);
      if (active) problems.push(activeSvgMessage(file, image, active));
    }
  }
  return problems;
}

/** The `file` of each attachment an entry's front matter lists (stored or just parsed). */
function attachedFiles(data: Record<string, unknown> | undefined): string[] {
  const list = data?.attachments;
  return Array.isArray(list) ? list.map((a) => String((a as { file?: unknown }).file)) : [];
}

/**
 * The size and time of each local image a report shows. An image replaced under the same name
 * changes its published file, size and srcset, which the stored HTML and the page kept from the
 * last build would not show: the stamp is part of the report's digest.
 */
async function imageStamp(contentDir: string, file: string, images: readonly string[]): Promise<string> {
  const reportPath = path.join(contentDir, file);
  const stamps = await Promise.all(
    images.map(async (image) => {
      const info = await stat(resolveLocalImage(reportPath, image)).catch(() => undefined);
      return info ? `${image}\0${info.size}\0${info.mtimeMs}` : `${image}\0missing`;
    }),
  );
  return stamps.join('\n');
}

/** Front matter as stored: Astro stores `image()` paths without the marker its schema output has. */
function asStored(data: Record<string, unknown>): string {
  return JSON.stringify(data, (key, value) => (key === 'src' && typeof value === 'string' ? value.replace(ASTRO_IMAGE_PREFIX, '') : value));
}

/**
 * A report's digest: its file's, and, when it has attachments, a lead image or local images in
 * its body, their sizes and times too, so that replacing an attached file, the photo or an image
 * renders the report (its listed size, its image's srcset) and its files again.
 */
function reportDigest(generateDigest: LoaderContext['generateDigest'], contents: string, companions: string): string {
  return generateDigest(companions === '' ? contents : `${contents}\0${companions}`);
}

/** The part of a report's digest that is not its file: its attachments', lead image's and images' sizes and times. */
function companionStamp(attachments: readonly AttachmentFile[], leadImage: LeadImageFile | undefined, images = ''): string {
  return [attachments.length === 0 ? '' : attachmentStamp(attachments), leadImageStamp(leadImage), images].filter(Boolean).join('\0');
}

/**
 * Kept in each entry's metadata: the stamp of the file it was made from (source-stamp/source-stamp.ts) and the
 * companion stamp its digest holds, so that a file its stamp vouches for is compared without
 * being read.
 */
interface StoredSource {
  /** encodeStamp's string. */
  stamp: string;
  companions: string;
}

const storedSource = (entry: { rendered?: { metadata?: Record<string, unknown> } } | undefined): Partial<StoredSource> | undefined =>
  entry?.rendered?.metadata?.source as Partial<StoredSource> | undefined;

const storedImages = (entry: { rendered?: { metadata?: Record<string, unknown> } } | undefined): string[] => {
  const images = entry?.rendered?.metadata?.localImagePaths;
  return Array.isArray(images) ? (images as string[]) : [];
};

function warnSanitized(logger: LoaderContext['logger'], file: string, report: SanitizeReport | undefined): void {
  const warning = report && sanitizeWarning(file, report);
  if (warning) logger.warn(warning);
}

/**
 * Whether a stored entry was rendered by this pipeline and its HTML is where this build reads it:
 * in the HTML cache when there is one, in the entry itself otherwise.
 */
function renderedHere(rendered: { html?: string; metadata?: Record<string, unknown> } | undefined, pipeline: string, cache: ReportHtmlCache | undefined): boolean {
  const metadata = rendered?.metadata;
  if (metadata?.pipeline !== pipeline) return false;
  const key = metadata.htmlKey;
  return cache ? isHtmlCacheKey(key) && cache.has(key) : key === undefined;
}

/**
 * Stores one entry per report in `sources` (path relative to `contentDir` -> text), reusing the
 * stored entry when the file's digest is unchanged, rendering the rest in parallel, and deleting
 * entries whose file is gone. Render failures are logged as errors, one per file.
 * `htmlFolder`: where each report's HTML is kept (src/output/cache/report-html-cache.ts) instead of in
 * the store; without one (`astro dev`, whose store is a different one) the store keeps it.
 */
export function renderingLoader(
  contentDir: string,
  sources: () => ReadonlyMap<string, string | undefined>,
  render: typeof renderAll = renderAll,
  htmlFolder: () => string | undefined = () => undefined,
  {
    stamps = () => undefined,
    scope,
    schema: schemaCode = schemaFingerprint,
  }: {
    /** Each file's stat stamp when the file was not read (its text undefined): see source-stamp/. */
    stamps?: () => ReadonlyMap<string, SourceStamp> | undefined;
    /** In one part of a split build, which reports to render. */
    scope?: RenderScope;
    /** The fingerprint of what decides parseData's verdict on stored data (schema-fingerprint/). */
    schema?: () => Promise<string>;
  } = {},
): Loader {
  return {
    name: 'rendering-loader',
    async load(context) {
      const { store, logger, config, parseData, generateDigest, entryTypes } = context as FullLoaderContext;
      const markdown = entryTypes?.get('.md');
      if (!markdown) throw new Error('Astro gave the reports loader no Markdown entry type: this Astro version is not supported');
      const root = fileURLToPath(config.root);
      const stale = new Set(store.keys());
      const settings = rendererSettings(config);
      // Part of every entry: a change to the pipeline's code, packages or settings renders all again.
      const pipeline = await pipelineFingerprint(root, settings);
      // Kept in every entry: the data of an unchanged report is validated again only under another schema.
      const schema = await schemaCode();
      const folder = htmlFolder();
      const cache = folder === undefined ? undefined : await openReportHtmlCache(folder);
      const usedKeys = new Set<string>();
      let revalidatedCount = 0;
      const changed: {
        id: string;
        year: number;
        file: string;
        relativePath: string;
        contents: string;
        stamp: SourceStamp | undefined;
        data: Record<string, unknown>;
        attachments: AttachmentFile[];
        leadImage: LeadImageFile | undefined;
      }[] = [];
      const jobs: RenderJob[] = [];
      const dated: DatedReport[] = [];
      for (const [file, text] of sources()) {
        const entryId = reportIdFromPath(file);
        if (!entryId.ok) throw new Error(`${file}: ${entryId.problem}`);
        const id = entryId.id;
        stale.delete(id);
        const filePath = path.join(contentDir, file);
        const relativePath = path.relative(root, filePath).split(path.sep).join('/');
        const existing = store.get(id);
        // An entry rendered by another pipeline (or stored by an older loader), or whose HTML is
        // missing from the cache, is rendered again.
        const current = renderedHere(existing?.rendered, pipeline, cache);
        const before = existing && current ? await findAttachmentFiles(contentDir, file, attachedFiles(existing.data)) : undefined;
        const leadBefore = existing && current ? await findLeadImageFile(contentDir, file, leadImageSrc(existing.data)) : undefined;
        const stamp = stamps()?.get(file);
        let companions: string | undefined;
        let unchanged = false;
        if (before?.ok && leadBefore?.ok) {
          companions = companionStamp(before.files, leadBefore.file, await imageStamp(contentDir, file, storedImages(existing)));
          // Not read (text undefined): the stored stamp vouched for the file, so its bytes are those of the stored digest.
          unchanged = text === undefined ? storedSource(existing)?.companions === companions : existing!.digest === reportDigest(generateDigest, text, companions);
        }
        if (existing && unchanged && existing.filePath === relativePath) {
          dated.push({ id, year: entryId.year, date: new Date(existing.data.date as Date) });
          // The file is unchanged, but the schema may have changed since its data was validated
          // (a rule, a normalisation or a field with a default added by an upgrade): unless the
          // entry was validated under this schema (schema-fingerprint/), its stored front matter
          // is validated again, or a report the new rules refuse would stay published by every
          // warm build, and stored again with the fingerprint, and with the result when it differs
          // (Astro ignores a set with the digest it holds, so the entry is deleted first). The
          // stored data is the schema's own output, which the schema accepts as it is; a zod
          // check, no YAML or Markdown. A refusal fails the build and leaves the entry as it was,
          // so the next build checks it again.
          const validated = existing.rendered!.metadata!.schema === schema;
          let revalidated: Record<string, unknown> | undefined;
          if (!validated) {
            revalidatedCount++;
            const parsed = await parseData({ id, data: existing.data, filePath });
            if (asStored(parsed) !== asStored(existing.data)) revalidated = parsed;
          }
          // Read this time and found unchanged: the new stamp vouches for it on the next sync.
          const restamp = text !== undefined && stamp !== undefined;
          if (!validated || restamp) {
            store.delete(id);
            const metadata = { ...existing.rendered!.metadata, schema, ...(restamp ? { source: { stamp: encodeStamp(stamp), companions: companions! } } : {}) };
            store.set({ ...existing, data: revalidated ?? existing.data, rendered: { ...existing.rendered!, metadata } });
          }
          const localImages = existing.rendered?.metadata?.localImagePaths;
          if (Array.isArray(localImages)) for (const problem of await imageProblems(contentDir, file, localImages as string[])) logger.error(problem);
          if (existing.assetImports?.length) store.addAssetImports?.(existing.assetImports, existing.filePath);
          // Told on every build, not only the one that rendered the report.
          warnSanitized(logger, file, existing.rendered?.metadata?.sanitized as SanitizeReport | undefined);
          if (cache) usedKeys.add(existing.rendered!.metadata!.htmlKey as string);
          continue;
        }
        let contents = text;
        if (contents === undefined) {
          // Vouched for by its stamp but to be rendered again (another pipeline, a changed image):
          // read now, and checked, since the bytes read are not the ones the stamp vouched for
          // if the file was written since.
          contents = await readFile(filePath, 'utf8');
          const { problems } = checkRawReport(file, contents);
          if (problems.length > 0) {
            logger.error(`${problems.length} problem(s) in ${file}:\n${formatProblems(problems)}`);
            continue;
          }
        }
        const entryInfo = await markdown.getEntryInfo({ contents, fileUrl: pathToFileURL(filePath) });
        const { data } = entryInfo;
        const { body, linesBefore } = bodyAsWritten(contents, entryInfo.body);
        const parsed = await parseData({ id, data, filePath });
        const attached = await findAttachmentFiles(contentDir, file, attachedFiles(parsed));
        if (!attached.ok) {
          for (const problem of attached.problems) logger.error(problem);
          continue;
        }
        const lead = await findLeadImageFile(contentDir, file, leadImageSrc(parsed));
        if (!lead.ok) {
          logger.error(lead.problem);
          continue;
        }
        changed.push({ id, year: entryId.year, file, relativePath, contents, stamp, data: parsed, attachments: attached.files, leadImage: lead.file });
        jobs.push({ filePath, body, frontmatter: data, lineOffset: linesBefore });
        dated.push({ id, year: entryId.year, date: new Date(parsed.date as Date) });
      }
      let deferred = 0;
      if (scope) {
        const rendered = scope.render(dated);
        for (let i = changed.length - 1; i >= 0; i--) {
          const entry = changed[i]!;
          if (rendered.has(entry.id)) continue;
          changed.splice(i, 1);
          jobs.splice(i, 1);
          deferred++;
          // Without `pipeline`, the next build sees it as not rendered here and processes it again.
          store.delete(entry.id);
          store.set({
            id: entry.id,
            data: entry.data,
            filePath: entry.relativePath,
            digest: reportDigest(generateDigest, entry.contents, companionStamp(entry.attachments, entry.leadImage)),
            rendered: {
              html: '',
              metadata: {
                renderedElsewhere: true,
                schema,
                attachmentBytes: entry.attachments.map((a) => a.bytes),
                leadImage: entry.leadImage && { src: entry.leadImage.src, bytes: entry.leadImage.bytes },
              },
            },
          });
        }
      }
      // Timed for the log: most of a cold build's time, on every core (the process's CPU time
      // includes the rendering threads'; this thread only waits meanwhile).
      const renderStarted = { wall: performance.now(), cpu: process.cpuUsage() };
      const outcomes = await render(jobs, { settings });
      const renderCpu = process.cpuUsage(renderStarted.cpu);
      const renderCost = `Markdown in ${((performance.now() - renderStarted.wall) / 1000).toFixed(1)} s, ${((renderCpu.user + renderCpu.system) / 1e6).toFixed(1)} s CPU`;
      for (const [i, outcome] of outcomes.entries()) {
        const entry = changed[i]!;
        if (!outcome.ok) {
          logger.error(`Error rendering ${entry.file}: ${outcome.error}`);
          continue;
        }
        // The raw check refuses such characters in the file; this catches the ones HTML can still
        // produce (a character reference in raw HTML), which would make every feed ill-formed.
        const bad = findForbiddenCharacter(outcome.rendered.html);
        if (bad) {
          logger.error(
            `Error rendering ${entry.file}: (body): the rendered body contains ${bad.codePoint}, a control character or non-character that feeds cannot carry (written as a character reference such as &#27;?): delete it`,
          );
          continue;
        }
        const images = await imageProblems(contentDir, entry.file, outcome.rendered.metadata.localImagePaths);
        if (images.length > 0) {
          for (const problem of images) logger.error(problem);
          continue;
        }
        warnSanitized(logger, entry.file, outcome.rendered.metadata.sanitized);
        // The images a report shows are known once it is rendered.
        const companions = companionStamp(entry.attachments, entry.leadImage, await imageStamp(contentDir, entry.file, outcome.rendered.metadata.localImagePaths));
        const digest = reportDigest(generateDigest, entry.contents, companions);
        // Neither the Markdown body nor (with a cache) the HTML is stored: the two files that
        // publish the Markdown read it from the report's file, and pages read the HTML from the
        // cache. What stays is front matter and small metadata, which every build writes, reads
        // and holds in memory. The raw front matter Astro's renderer copies into the metadata is
        // dropped: `data` holds it, parsed.
        const { frontmatter: _frontmatter, ...metadata } = outcome.rendered.metadata;
        let html = outcome.rendered.html;
        let htmlKey: string | undefined;
        if (cache) {
          htmlKey = htmlCacheKey(pipeline, entry.relativePath, entry.contents);
          usedKeys.add(htmlKey);
          cache.write(htmlKey, html);
          html = '';
        }
        // Astro ignores a set with the digest it already holds: an entry re-rendered with the same
        // file (see `current` above) replaces the stored one only once that is gone.
        store.delete(entry.id);
        store.set({
          id: entry.id,
          data: entry.data,
          filePath: entry.relativePath,
          digest,
          // Sizes of the attachments, in the order of `data.attachments`, for pages and the JSON
          // (src/reports/attachments/report-attachments.ts): pages never read files themselves.
          // The lead image's size likewise, for feeds' enclosures (src/reports/lead-image/published-lead-image.ts).
          rendered: {
            html,
            metadata: {
              ...metadata,
              pipeline,
              schema,
              htmlKey,
              attachmentBytes: entry.attachments.map((a) => a.bytes),
              leadImage: entry.leadImage && { src: entry.leadImage.src, bytes: entry.leadImage.bytes },
              source: entry.stamp && { stamp: encodeStamp(entry.stamp), companions },
            },
          },
          assetImports: outcome.rendered.metadata.imagePaths,
        });
      }
      for (const id of stale) store.delete(id);
      if (deferred > 0) logger.info(`rendered ${jobs.length} report(s); ${deferred} checked, rendered by the build part that publishes them (${renderCost})`);
      else if (jobs.length > 0) logger.info(`rendered ${jobs.length} new or changed report(s); ${sources().size - jobs.length} unchanged (${renderCost})`);
      // Said because such a build takes longer than the one before, with no report changed.
      if (revalidatedCount > 0) logger.info(`validated the front matter of ${revalidatedCount} unchanged report(s) again: the schema's code, the packages or Node changed since it was`);
      const pruned = cache ? await cache.prune(usedKeys) : 0;
      if (pruned > 0) logger.info(`removed the cached HTML of ${pruned} changed or deleted report(s)`);
    },
  };
}

/** `scope`: in one part of a split build, which reports to render (`astro dev` renders all). */
export function reportsLoader(contentDir: string, scope?: RenderScope): Loader {
  let sources: CheckedSources | undefined;
  let htmlFolder: string | undefined;
  const inBuild: RenderScope | undefined = scope && {
    render: (reports) => (htmlFolder === undefined ? new Set(reports.map((r) => r.id)) : scope.render(reports)),
  };
  const inner = renderingLoader(contentDir, () => sources!.texts, renderAll, () => htmlFolder, { stamps: () => sources?.stamps, scope: inBuild });
  const strict = strictLoader(inner, async ({ store, logger }) => {
    const check = await rawCheckFingerprint();
    sources = await checkContentFolder(contentDir, check, (file, stamp) => {
      const id = reportIdFromPath(file);
      return id.ok && trustedUnchanged(storedSource(store.get(id.id))?.stamp, stamp);
    });
    const total = sources.texts.size;
    const read = [...sources.texts.values()].filter((text) => text !== undefined).length;
    logger.info(`read ${read} of ${total} report file(s); ${total - read} unchanged since they were last read (same inode, size and times)`);
  });
  return {
    name: 'reports-loader',
    async load(context) {
      // A build keeps the HTML next to its store (Astro's cacheDir), where pages read it
      // (content-store-integration.ts tells them the folder); `astro dev`, whose store lives in
      // .astro/ and changes while pages render, keeps it in the store. Decided once: reloads in
      // `astro dev` pass no watcher.
      htmlFolder = context.watcher ? undefined : fileURLToPath(new URL(`${REPORT_HTML_FOLDER}/`, context.config.cacheDir));
      try {
        await strict.load(context);
      } finally {
        sources = undefined; // the texts are in the store now; do not hold 50,000 of them twice
      }
      const { watcher, logger } = context;
      if (!watcher) return;
      // In `astro dev`: reload on any change under the folder (unchanged files are skipped by digest).
      watcher.add(contentDir);
      let reloading: Promise<void> | undefined;
      const reload = (changedPath: string) => {
        if (!changedPath.startsWith(contentDir) || !changedPath.endsWith('.md')) return;
        reloading = (reloading ?? Promise.resolve()).then(async () => {
          try {
            await strict.load({ ...context, watcher: undefined });
            logger.info(`reloaded after a change to ${path.relative(contentDir, changedPath)}`);
          } catch (error) {
            logger.error(error instanceof Error ? error.message : String(error));
          } finally {
            sources = undefined;
          }
        });
      };
      for (const event of ['change', 'add', 'unlink'] as const) watcher.on(event, reload);
    },
  };
}
