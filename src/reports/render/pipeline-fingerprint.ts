/**
 * A fingerprint of everything that decides a report's HTML besides its own file: the pipeline's
 * source (render-report.ts and every module of this project it imports, followed import by
 * import), the installed packages (the lock file: remark, rehype, micromark and their own
 * dependencies) and the renderer settings from the config. Part of every cached body's key
 * (src/output/cache/html-cache-key.ts), so that changing the pipeline renders every report again on the
 * next build, without anyone deleting a cache.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDER_VERSION, type RendererSettings } from './render-report.ts';

const IMPORT = /(?:^|[\n;])\s*(?:import|export)\b(?:[^'";]*?\bfrom)?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The relative specifiers a module imports or re-exports (`./x.ts`, `../y.ts`). Pure. */
export function relativeImports(code: string): string[] {
  return [...code.matchAll(IMPORT)].map((m) => m[1]!);
}

/** The text of `entry` and of every module it reaches through relative imports, by absolute path, sorted. */
export async function moduleClosure(entry: string, read: (file: string) => Promise<string> = (file) => readFile(file, 'utf8')): Promise<[string, string][]> {
  const seen = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    const code = await read(file);
    seen.set(file, code);
    for (const specifier of relativeImports(code)) pending.push(path.resolve(path.dirname(file), specifier));
  }
  return [...seen].sort(([a], [b]) => (a < b ? -1 : 1));
}

const PIPELINE_ENTRY = fileURLToPath(new URL('./render-report.ts', import.meta.url));

export async function pipelineFingerprint(root: string, settings: RendererSettings): Promise<string> {
  const hash = createHash('sha256').update(`render ${RENDER_VERSION}\0`);
  for (const [file, code] of await moduleClosure(PIPELINE_ENTRY)) hash.update(`${path.relative(root, file)}\0${code}\0`);
  // Without a lock file the installed versions are unknown: such a build keys on the settings and code only.
  hash.update(await readFile(path.join(root, 'package-lock.json'), 'utf8').catch(() => 'no lock file'));
  hash.update('\0').update(JSON.stringify(settings) ?? '');
  return hash.digest('hex').slice(0, 16);
}
