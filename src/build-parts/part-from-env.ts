/**
 * The part being built, for the content loader, which Astro creates from src/content.config.ts
 * outside the integration: read from the same environment the build settings checked before
 * Astro started (src/settings/build-settings.ts), so it cannot disagree with them.
 */
import { checkPartitionYears } from '../settings/build-settings.ts';
import { reportsContentDir } from '../reports/content-dir.ts';
import type { RenderScope } from '../reports/reports-loader.ts';
import { siteConfig } from '../site.config.ts';
import { parseBuildPart, reportsToRender } from './build-part.ts';
import { archiveYears } from './part-fingerprint.ts';

/** Which reports this build renders: undefined for the whole build (all of them). */
export function renderScopeFromEnv(env: NodeJS.ProcessEnv = process.env, contentDir = reportsContentDir(env)): RenderScope | undefined {
  if (!env.ARCHIVE_BUILD_PART?.trim()) return undefined;
  const part = parseBuildPart(env.ARCHIVE_BUILD_PART, checkPartitionYears(env.ARCHIVE_SEARCH_PARTITION_YEARS), archiveYears(contentDir));
  return { render: (reports) => reportsToRender(part, reports, siteConfig.feedSize) };
}
