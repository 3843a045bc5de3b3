/**
 * Reads what decides a part's output, for its manifest and for the merge's check: the years the
 * archive's reports fall in (which parts the split has), and fingerprints of the settings, of
 * every file in the content folder and of the code (src/build-parts/part-manifest.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { filesUnder } from '../output/files-under.ts';
import { codeHash } from '../output/report-files-integration.ts';
import type { Fingerprint } from './part-manifest.ts';

/** The same inputs the report files' cache hashes: any change there may change any page. */
export const CODE_INPUTS = ['src', 'astro.config.mjs', 'package-lock.json'];

/** Years holding at least one report (`<year>/<slug>.md`); none when the folder is missing (the loader says so). */
export function archiveYears(contentDir: string): number[] {
  if (!existsSync(contentDir)) return [];
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{4}$/.test(entry.name))
    .filter((entry) => readdirSync(path.join(contentDir, entry.name)).some((name) => name.endsWith('.md')))
    .map((entry) => Number(entry.name));
}

export interface FingerprintedSettings {
  base: string;
  site?: string;
  searchPartitionYears?: number;
}

export async function partFingerprint(root: string, contentDir: string, settings: FingerprintedSettings): Promise<Fingerprint> {
  const content = createHash('sha256');
  const files = (await filesUnder(contentDir)).sort();
  // Read a few at a time: an archive with photos holds large files.
  for (let start = 0; start < files.length; start += 64) {
    const slice = files.slice(start, start + 64);
    const bytes = await Promise.all(slice.map((file) => readFile(path.join(contentDir, file))));
    slice.forEach((file, i) => content.update(file).update('\0').update(createHash('sha256').update(bytes[i]!).digest('hex')).update('\n'));
  }
  const { base, site, searchPartitionYears } = settings;
  return {
    settings: JSON.stringify({ base, site: site ?? null, searchPartitionYears: searchPartitionYears ?? null }),
    content: content.digest('hex'),
    code: await codeHash(root, CODE_INPUTS),
  };
}
