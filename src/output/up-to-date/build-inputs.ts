/**
 * Everything a build reads, stamped (see up-to-date.ts): the archive's folder and public/ by stat,
 * the code and configuration by digest, and the settings and environment as one fingerprint.
 * A new input of the build belongs here: what is not listed cannot make a build happen.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BuildSettings } from '../../settings/build-settings.ts';
import { ENV_FILES } from '../../settings/setting-variables.ts';
import { digestFile, listFolder, stampFile } from './file-stamps.ts';
import type { InputSnapshot } from './up-to-date.ts';

/**
 * Files at the project's root that a build reads: its configuration, the installed packages (npm
 * keeps node_modules/.package-lock.json), Vite's .env files, and the PostCSS and browserslist
 * configuration Vite looks for (absent here; one added changes every stylesheet).
 */
export const ROOT_INPUTS = [
  'astro.config.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'node_modules/.package-lock.json',
  ...ENV_FILES,
  ...['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'].map((extension) => `postcss.config.${extension}`),
  ...['', '.json', '.yaml', '.yml', '.js', '.cjs', '.mjs', '.ts'].map((extension) => `.postcssrc${extension}`),
  '.browserslistrc',
  'browserslist',
];
/** Folders of code, compared by digest. */
export const CODE_FOLDERS = ['src'];
/** Folders copied or read as they are, compared by stamp (besides the archive's own folder). */
export const FILE_FOLDERS = ['public'];

/**
 * The environment a build may read: the archive's settings, Astro's, Vite's and Pagefind's
 * variables, Node's options, the locale (every LC_ variable: Node's default locale reads
 * LC_MESSAGES too) and the time zone.
 */
export function relevantEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const named = new Set(['SITE_URL', 'BASE_PATH', 'NODE_ENV', 'NODE_OPTIONS', 'TZ', 'LANG', 'LANGUAGE']);
  return Object.fromEntries(
    Object.entries(env)
      .filter((entry): entry is [string, string] => entry[1] !== undefined && (named.has(entry[0]) || /^(ARCHIVE_|ASTRO_|PUBLIC_|VITE_|PAGEFIND_|LC_)/.test(entry[0])))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

export function settingsFingerprint(settings: BuildSettings, env: NodeJS.ProcessEnv): string {
  const facts = { settings, env: relevantEnvironment(env), node: process.version, platform: process.platform, arch: process.arch };
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 32);
}

export function snapshotInputs(settings: BuildSettings, env: NodeJS.ProcessEnv, now = Date.now()): InputSnapshot {
  const { root } = settings;
  const stamped = new Map<string, string>();
  const digested = new Map<string, string>();
  const links: string[] = [];
  for (const folder of [settings.contentDir, ...FILE_FOLDERS.map((name) => path.join(root, name))]) {
    const listed = listFolder(folder);
    for (const file of listed.files) stamped.set(file, stampFile(file));
    links.push(...listed.links);
  }
  for (const folder of CODE_FOLDERS) {
    const listed = listFolder(path.join(root, folder));
    for (const file of listed.files) digested.set(file, digestFile(file));
    links.push(...listed.links);
  }
  for (const file of ROOT_INPUTS) digested.set(path.join(root, file), digestFile(path.join(root, file)));
  return { settings: settingsFingerprint(settings, env), stampedAt: now, stamped, digested, links };
}

/** The output folder's files and their stamps (its `.git`, which a build never touches, left out). */
export function stampOutputs(outDir: string): Map<string, string> {
  const stamps = new Map<string, string>();
  const listed = listFolder(outDir, new Set(['.git']));
  for (const file of listed.files) stamps.set(file, stampFile(file));
  // A build removes every symlink it finds there: one added since means the folder is not its output.
  for (const link of listed.links) stamps.set(link, 'link');
  return stamps;
}
