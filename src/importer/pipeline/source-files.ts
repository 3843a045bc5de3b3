/**
 * The files an import reads. A file named on the command line is read whatever its name; a folder
 * is searched for source files (by extension: their format is then told by their content), hidden
 * files and folders and the content folder itself left out. Every other file under it is counted
 * as skipped, by extension, so nothing is left out without a word.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { isInside } from '../../reports/local-images.ts';

export const SOURCE_EXTENSIONS = ['txt', 'xml', 'wxr', 'rss', 'atom', 'html', 'htm'];

export interface SourceFile {
  /** Absolute. */
  file: string;
  /** Where relative images of a page may be taken from: the folder imported, or the file's own. */
  root: string;
}

export interface InputFiles {
  files: SourceFile[];
  /** Files under a folder that are no source, by reason: `not a source file (.jpg)`. */
  skipped: Map<string, number>;
  /** Inputs that cannot be read at all. */
  missing: { input: string; reason: string }[];
}

export async function collectInputs(inputs: string[], contentDir: string, cwd: string): Promise<InputFiles> {
  const result: InputFiles = { files: [], skipped: new Map(), missing: [] };
  const seen = new Set<string>();
  const add = (file: string, root: string) => {
    if (!seen.has(file)) result.files.push({ file, root });
    seen.add(file);
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      result.missing.push({ input, reason: `cannot read: ${(error as Error).message}` });
      continue;
    }
    if (!info.isDirectory()) {
      add(absolute, path.dirname(absolute));
      continue;
    }
    const ignore = isInside(absolute, contentDir) ? [`${path.relative(absolute, contentDir).split(path.sep).join('/')}/**`] : [];
    const found = (await glob('**/*', { cwd: absolute, onlyFiles: true, dot: false, ignore })).sort();
    for (const relative of found) {
      const extension = relative.includes('.') ? relative.split('.').at(-1)!.toLowerCase() : '';
      if (SOURCE_EXTENSIONS.includes(extension)) add(path.join(absolute, relative), absolute);
      else {
        const reason = `not a source file (${extension ? `.${extension}` : 'no extension'})`;
        result.skipped.set(reason, (result.skipped.get(reason) ?? 0) + 1);
      }
    }
  }
  return result;
}
