import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir`, as paths relative to it with forward slashes (none if it is missing). */
export async function filesUnder(dir: string, skipTopLevel: ReadonlySet<string> = new Set()): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !skipTopLevel.has(file.split('/')[0]!));
}

/**
 * Every symlink under `dir` (files or folders), relative with forward slashes; linked folders are
 * not entered. Used to clear links out of the output folder before a build writes through them.
 */
export async function symlinksUnder(dir: string, skipTopLevel: ReadonlySet<string> = new Set()): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !skipTopLevel.has(file.split('/')[0]!));
}
