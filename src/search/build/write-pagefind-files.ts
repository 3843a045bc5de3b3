/**
 * Pagefind's writeFiles, with its output folder made first. Pagefind's service panics when it
 * cannot make that folder (a file stands in its way, no permission), and its Node API then never
 * answers: the build waited for ever. Made here, the failure is an error that names the folder.
 */
import { mkdir } from 'node:fs/promises';
import type * as pagefind from 'pagefind';

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

export async function writePagefindFiles(index: PagefindIndex, outputPath: string): ReturnType<PagefindIndex['writeFiles']> {
  try {
    await mkdir(outputPath, { recursive: true });
  } catch (error) {
    throw new Error(`The search index cannot be written into ${outputPath} (${(error as Error).message}): remove the file that stands where that folder or one of its parents must be`, { cause: error });
  }
  return index.writeFiles({ outputPath });
}
