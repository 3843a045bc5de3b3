/**
 * A fingerprint of a module's code: its text and that of every module of this project it imports
 * (followed import by import), and the installed packages (the lock file). A result kept from one
 * build to the next is keyed on the fingerprint of the code that made it, so that an upgrade or a
 * change to that code makes it again without anyone deleting a cache.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleClosure } from '../../reports/render/pipeline-fingerprint.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function codeFingerprint(entry: URL): Promise<string> {
  const hash = createHash('sha256');
  for (const [file, code] of await moduleClosure(fileURLToPath(entry))) hash.update(`${path.relative(ROOT, file)}\0${code}\0`);
  // Without a lock file the installed versions are unknown: the fingerprint is then of the code only.
  hash.update(await readFile(path.join(ROOT, 'package-lock.json'), 'utf8').catch(() => 'no lock file'));
  return hash.digest('hex').slice(0, 16);
}
