/**
 * The only way the build deletes files of its output folder. A path is removed only when it lies
 * inside the folder without passing through a symlink: `dist/a/b.html`, where `dist/a` is a
 * symlink to a folder elsewhere, would otherwise delete `b.html` there. The target itself may be
 * a symlink; then the link is removed, never what it points to (rm does not follow links, not
 * even inside a folder it removes recursively).
 */
import { lstat, realpath, rm } from 'node:fs/promises';
import path from 'node:path';

export class OutsideOutputFolder extends Error {}

/** Why `relative` may not be removed from `folder` (lexically), or undefined. Pure. */
export function removalProblem(relative: string): string | undefined {
  if (relative === '' || path.isAbsolute(relative)) return 'not a path inside the output folder';
  const parts = relative.split(/[\\/]/);
  if (parts.some((part) => part === '..' || part === '.' || part === '')) return 'not a plain path inside the output folder';
  return undefined;
}

/**
 * Removes `relative` (a file or folder, with forward slashes) from `folder`; does nothing when it
 * does not exist; throws OutsideOutputFolder when the path leaves the folder or passes through a
 * symlink.
 */
export async function removeInside(folder: string, relative: string, options: { recursive?: boolean } = {}): Promise<void> {
  const problem = removalProblem(relative);
  if (problem) throw new OutsideOutputFolder(`refusing to delete ${JSON.stringify(relative)} from ${folder}: ${problem}`);
  const root = await realpath(folder);
  const parts = relative.split('/');
  let at = root;
  for (const part of parts.slice(0, -1)) {
    at = path.join(at, part);
    const stats = await lstat(at).catch(() => undefined);
    if (!stats) return; // nothing there to remove
    if (stats.isSymbolicLink() || !stats.isDirectory()) {
      throw new OutsideOutputFolder(`refusing to delete ${relative} from ${folder}: ${path.relative(root, at)} is a symlink or not a folder`);
    }
  }
  await rm(path.join(root, ...parts), { recursive: options.recursive ?? false, force: true });
}
