/**
 * The JSON files a build keeps for itself in its cache folder (src/output/cache/build-cache.ts): what
 * the last build read and found, so the next one need not read it again. A missing, unreadable
 * or half-written file is no cache, and its user starts from nothing; a file is written whole or
 * not at all, so a build stopped half-way leaves the previous one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function readCacheFile(file: string | undefined): unknown {
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeCacheFile(file: string | undefined, value: object): void {
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, file);
}
