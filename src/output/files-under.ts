import { existsSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under `dir`, as paths relative to it with forward slashes (none if it is missing).
 * Top-level entries named in `skipTopLevel` are not entered: another step may be changing them.
 */
export async function filesUnder(dir: string, skipTopLevel: ReadonlySet<string> = new Set()): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const relative = relativeTo(dir);
  const top = (await readdir(dir, { withFileTypes: true })).filter((entry) => !skipTopLevel.has(entry.name));
  const nested = await Promise.all(
    top.filter((entry) => entry.isDirectory()).map((entry) => readdir(path.join(dir, entry.name), { recursive: true, withFileTypes: true })),
  );
  return [...top, ...nested.flat()].filter((entry) => !entry.isDirectory()).map(relative).sort();
}

/**
 * An entry's path relative to `dir`, with forward slashes. By cutting the folder's own prefix off
 * (path.relative resolves both paths, for each of 70,000 entries of a large site).
 */
function relativeTo(dir: string): (entry: { parentPath: string; name: string }) => string {
  const prefix = dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
  const slashes = (p: string) => (path.sep === '/' ? p : p.split(path.sep).join('/'));
  return ({ parentPath, name }) => {
    if (parentPath === dir || `${parentPath}${path.sep}` === prefix) return name;
    if (parentPath.startsWith(prefix)) return `${slashes(parentPath.slice(prefix.length))}/${name}`;
    return slashes(path.relative(dir, path.join(parentPath, name)));
  };
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
    .map(relativeTo(dir))
    .filter((file) => !skipTopLevel.has(file.split('/')[0]!));
}

/**
 * Every regular file under `dir` that has other hard links (relative, forward slashes). A hard
 * link is the same file under two names: the build writes pages in place, so it would change the
 * other name too (a snapshot made with `cp -al`, a file linked in from elsewhere).
 */
export async function hardLinkedUnder(dir: string, skipTopLevel: ReadonlySet<string> = new Set()): Promise<string[]> {
  const files = await filesUnder(dir, skipTopLevel);
  const linked: string[] = [];
  // In slices: 70,000 lstat calls at once would hold as many requests in memory.
  for (let start = 0; start < files.length; start += 512) {
    const slice = files.slice(start, start + 512);
    const stats = await Promise.all(slice.map((file) => lstat(path.join(dir, file)).catch(() => undefined)));
    slice.forEach((file, i) => {
      const stat = stats[i];
      if (stat?.isFile() && stat.nlink > 1) linked.push(file);
    });
  }
  return linked;
}
