/** Small hand-written archives for tests, written to scratch folders. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TMP } from './paths.ts';

/** Writes files (relative path -> contents) into a fresh folder under tests/.tmp and returns it. */
export async function writeArchive(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(TMP, 'archives', name);
  await rm(dir, { recursive: true, force: true });
  for (const [relative, contents] of Object.entries(files)) {
    const file = path.join(dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contents);
  }
  return dir;
}

export function report(frontmatter: string, body = 'Body text.'): string {
  return `---\n${frontmatter.trim()}\n---\n\n${body}\n`;
}
