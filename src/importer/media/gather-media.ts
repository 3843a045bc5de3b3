/**
 * The images of one item: each found on disk (media-paths.ts), checked to be an image the site
 * publishes and builds (local-images.ts: its type, no active SVG), and given a name in the report's
 * media folder; or listed with why it was not, for the summary and a warning naming the report.
 */
import { open, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { activeSvgContent, isInside, isRasterImage, unpublishedImageMessage } from '../../reports/local-images.ts';
import { FS_OPS, TargetExistsError, writeAtomically, type WriteOps } from '../pipeline/atomic-write.ts';
import { locateImage, mediaFileName, type ImageLookup } from './media-paths.ts';
import type { ImageTargets } from './rewrite-images.ts';

export interface MediaCopy {
  from: string;
  /** The file name in <year>/<slug>/. */
  name: string;
}

export interface MissingImage {
  url: string;
  reason: string;
}

export interface MediaPlan {
  copies: MediaCopy[];
  targets: ImageTargets;
  missing: MissingImage[];
}

/** A few KB decide whether a file is a raster image; an SVG is read whole to check it. */
async function imageProblem(file: string, name: string): Promise<string | undefined> {
  if (unpublishedImageMessage('', `./${name}`)) return `a .${name.split('.').at(-1)} file is not an image type the site publishes`;
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(64);
    await handle.read(head, 0, 64, 0);
    if (isRasterImage(head)) return undefined;
    const active = activeSvgContent(await handle.readFile());
    return active ? `it holds active content (${active}), which the build refuses` : undefined;
  } finally {
    await handle.close();
  }
}

/** Where the file really is, if it is a file inside `root` once symlinks are followed. */
async function realFileInside(root: string, file: string): Promise<string | undefined> {
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
    return isInside(realRoot, real) && (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

export async function planMedia(images: { url: string }[], slug: string, lookup: ImageLookup): Promise<MediaPlan> {
  const plan: MediaPlan = { copies: [], targets: new Map(), missing: [] };
  const used = new Set<string>();
  for (const url of [...new Set(images.map((image) => image.url))]) {
    const miss = (reason: string) => {
      plan.targets.set(url, undefined);
      plan.missing.push({ url, reason });
    };
    const located = locateImage(url, lookup);
    if (!located.ok) {
      miss(located.reason);
      continue;
    }
    const root = /^[a-z][a-z0-9+.-]*:|^\//i.test(url) ? lookup.mediaDir! : lookup.sourceRoot;
    const real = await realFileInside(root, located.file);
    if (!real) {
      miss(`not found: ${located.file}`);
      continue;
    }
    const name = mediaFileName(located.file, used);
    const problem = await imageProblem(real, name);
    if (problem) {
      used.delete(name);
      miss(problem);
      continue;
    }
    plan.copies.push({ from: real, name });
    plan.targets.set(url, `./${slug}/${name}`);
  }
  return plan;
}

/**
 * Copies the images into the report's folder, each atomically, and returns the names of those it
 * left alone because a file with other bytes is there. Nothing is ever replaced, not even by
 * --update: the report's digest proves the importer wrote the report, but nothing proves it wrote
 * the image there now (an editor may have put a better crop in its place).
 */
export async function copyMedia(copies: MediaCopy[], folder: string, ops: WriteOps = FS_OPS): Promise<string[]> {
  const kept: string[] = [];
  for (const { from, name } of copies) {
    const target = path.join(folder, name);
    const bytes = await readFile(from);
    const present = await readFile(target).catch(() => undefined);
    if (present !== undefined) {
      if (Buffer.compare(present, bytes) !== 0) kept.push(name);
      continue;
    }
    try {
      await writeAtomically(target, bytes, false, ops);
    } catch (error) {
      // One that appeared meanwhile is someone else's: left alone too.
      if (!(error instanceof TargetExistsError)) throw error;
      kept.push(name);
    }
  }
  return kept;
}
