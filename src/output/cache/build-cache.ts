/**
 * Where Astro keeps its content-layer cache for one kind of build. Astro clears the whole cache
 * when any part of its config changes, and the config holds the output folder, base path and
 * site URL, which change from build to build here (dist/, test builds, a sub-path build). With
 * one cache folder per combination, each kind of build finds its own cache warm instead of
 * clearing the other's; the content folder is part of the key so that building another archive
 * does not evict this one's entries.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BuildSettings } from '../../settings/build-settings.ts';

export interface BuildIdentity {
  /** Absolute output folder. */
  outDir: string;
  base: string;
  site?: string;
  /** Absolute content folder. */
  contentDir: string;
  /** One part of a split build (src/build-parts/build-part.ts): renders and imports other reports than the whole build. */
  part?: string;
}

export function buildCacheDir(root: string, identity: BuildIdentity): string {
  const key = createHash('sha256')
    .update(JSON.stringify([identity.outDir, identity.base, identity.site ?? '', identity.contentDir, ...(identity.part ? [identity.part] : [])]))
    .digest('hex')
    .slice(0, 12);
  const label = path.basename(identity.outDir).replace(/[^\w.-]+/g, '-') || 'site';
  return path.join(root, 'node_modules', '.astro', `${label}-${key}`);
}

/** The cache folder of the build these settings describe (the one Astro is given as its cacheDir). */
export function buildCacheDirFor(settings: Pick<BuildSettings, 'root' | 'outDir' | 'base' | 'site' | 'contentDir' | 'buildPart'>): string {
  return buildCacheDir(settings.root, {
    outDir: path.resolve(settings.root, settings.outDir),
    base: settings.base,
    site: settings.site,
    contentDir: settings.contentDir,
    ...(settings.buildPart.kind === 'whole' ? {} : { part: settings.buildPart.name }),
  });
}
