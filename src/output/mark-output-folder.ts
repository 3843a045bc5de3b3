/**
 * Writes the ownership marker into an output folder (src/output/output-folder.ts), naming the
 * folder's real path and, where the file system keeps one, its birth time. Where it keeps none
 * (Linux without statx, as in some containers), Node reports the folder's change time as its
 * birth time, and that changes with every file added: a marker naming it would refuse the next
 * build into the same folder. Writing the marker is itself such a change, so it tells: if the
 * "birth time" moved while the marker was written, the marker names the inode alone.
 */
import { realpath, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { folderInstance, OUTPUT_MARKER, outputMarkerContent, type FolderStats } from './output-folder.ts';
import { removeInside } from './remove-inside.ts';

export async function markOutputFolder(dir: string, statFolder: (dir: string) => Promise<FolderStats> = (at) => stat(at, { bigint: true })): Promise<void> {
  const real = await realpath(dir);
  const marker = path.join(dir, OUTPUT_MARKER);
  await removeInside(dir, OUTPUT_MARKER); // a symlink there would be written through
  const before = await statFolder(dir);
  await writeFile(marker, outputMarkerContent(real, folderInstance(before)));
  const after = await statFolder(dir);
  if (after.ino !== before.ino || after.birthtimeNs !== before.birthtimeNs) await writeFile(marker, outputMarkerContent(real, folderInstance(after, false)));
}
