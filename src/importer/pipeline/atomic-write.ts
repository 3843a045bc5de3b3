/**
 * Writes that are all or nothing: the bytes go to a temporary file beside the target, then take
 * the target's name in one step (a rename on the same file system), so an import stopped at any
 * moment leaves each report either as it was or complete, never half-written.
 *
 * Temporary files are hidden and end in `.tmp` (the build reads only `.md` files), named
 * `.<target name>.import-<process id>-<random>.tmp`. An import removes leftovers of this pattern,
 * and only of this pattern, when it starts (but not those of an import still running).
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';

export const TEMP_FILE = /^\..+\.import-\d+-[0-9a-f]{12}\.tmp$/;

export function tempFileName(target: string, pid = process.pid, random = randomBytes(6).toString('hex')): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.import-${pid}-${random}.tmp`);
}

/** The file operations a write uses: tests replace one to simulate a crash. */
export interface WriteOps {
  writeFile: typeof writeFile;
  rename: typeof rename;
  link: typeof link;
}
export const FS_OPS: WriteOps = { writeFile, rename, link };

export class TargetExistsError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`${file} appeared while importing: not overwritten`);
    this.file = file;
  }
}

/**
 * Writes `data` as `target`. `replace: false` never replaces a file (one that appeared meanwhile
 * is left alone: TargetExistsError); `replace: true` replaces it in one step.
 */
export async function writeAtomically(target: string, data: string | Uint8Array, replace: boolean, ops: WriteOps = FS_OPS): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempFileName(target);
  try {
    await ops.writeFile(temp, data, { flag: 'wx' });
    if (replace) {
      await ops.rename(temp, target);
    } else {
      // A hard link fails if the name is taken, where a rename would replace it.
      try {
        await ops.link(temp, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new TargetExistsError(target);
        // File systems without hard links (FAT, some network shares): check, then rename.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
        if (await stat(target).then(() => true, () => false)) throw new TargetExistsError(target);
        await ops.rename(temp, target);
      }
    }
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/** Whether the process that named a temporary file is running: another import, writing it now. */
function writerRunning(file: string): boolean {
  const pid = Number(/\.import-(\d+)-[0-9a-f]{12}\.tmp$/.exec(file)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files an interrupted import left in the content folder; returns them. A file
 * named by a process still running is another import's, in the middle of its write: left alone.
 */
export async function removeLeftoverTemps(contentDir: string): Promise<string[]> {
  const candidates = await glob('**/.*.tmp', { cwd: contentDir, dot: true, onlyFiles: true });
  const ours = candidates.filter((file) => TEMP_FILE.test(path.basename(file)) && !writerRunning(path.basename(file))).sort();
  for (const file of ours) await rm(path.join(contentDir, file), { force: true });
  return ours;
}
