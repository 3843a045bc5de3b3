/**
 * The `news` collection's loader: Astro's glob loader, made strict. Astro logs and carries on
 * when a file cannot be read or rendered (publishing an empty page) and derives ids that two
 * files can share; an archive of record must fail instead, naming the file and the fix.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { glob as astroGlob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob as findFiles } from 'tinyglobby';
import { entryIdFromPath } from '../lib/entry-path.ts';
import { checkRawEntry, findDuplicateIds, formatProblems } from '../lib/raw-entry-check.ts';

export const NEWS_PATTERN = '**/*.md';

export async function listNewsFiles(contentDir: string): Promise<string[]> {
  return (await findFiles(NEWS_PATTERN, { cwd: contentDir })).sort();
}

async function checkContentFolder(contentDir: string): Promise<void> {
  if (!existsSync(contentDir)) {
    throw new Error(
      `The news folder ${contentDir} does not exist: create it, or point ARCHIVE_CONTENT_DIR at the folder holding <year>/<slug>.md reports.`,
    );
  }
  const files = await listNewsFiles(contentDir);
  if (files.length === 0) {
    throw new Error(
      `No reports found in ${contentDir}: add one with \`npm run import -- report.txt\`, or point ARCHIVE_CONTENT_DIR at a folder of <year>/<slug>.md files.`,
    );
  }
  const checks = await Promise.all(
    files.map(async (file) => ({ file, ...checkRawEntry(file, await readFile(path.join(contentDir, file), 'utf8')) })),
  );
  const problems = [...checks.flatMap((c) => c.problems), ...findDuplicateIds(checks)];
  if (problems.length > 0) {
    throw new Error(`${problems.length} problem(s) in ${contentDir}; nothing was published:\n${formatProblems(problems)}`);
  }
}

/** Turns the glob loader's logged errors into a failed build. */
function failingLogger(context: LoaderContext, errors: string[]): LoaderContext['logger'] {
  const logger = context.logger;
  return new Proxy(logger, {
    get(target, property, receiver) {
      if (property === 'error') {
        return (message: string) => {
          errors.push(message);
          target.error(message);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Wraps a loader so that a failed precheck, or any error the loader logs (Astro's glob loader logs
 * unreadable and unrenderable files and carries on), fails the build instead.
 */
export function strictLoader(inner: Loader, precheck: () => Promise<void>): Loader {
  return {
    name: `strict-${inner.name}`,
    async load(context) {
      await precheck();
      const errors: string[] = [];
      await inner.load({ ...context, logger: failingLogger(context, errors) });
      if (errors.length > 0) {
        throw new Error(`${errors.length} report(s) could not be read or rendered; nothing was published:\n  ${errors.join('\n  ')}`);
      }
    },
  };
}

export function newsLoader(contentDir: string): Loader {
  const glob = astroGlob({
    pattern: NEWS_PATTERN,
    base: contentDir,
    generateId: ({ entry }) => {
      const result = entryIdFromPath(entry);
      if (!result.ok) throw new Error(`${entry}: ${result.problem}`);
      return result.id;
    },
  });
  return strictLoader(glob, () => checkContentFolder(contentDir));
}
