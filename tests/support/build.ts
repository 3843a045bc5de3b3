/** Runs real `astro build`s for tests, each into its own folder, with the hosting and content set by env. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, TMP } from './paths.ts';
import { markerNamesFolder, OUTPUT_MARKER } from '../../src/output/output-folder.ts';
import { buildCacheDir } from '../../src/output/cache/build-cache.ts';

export interface BuildOptions {
  /** Folder holding <year>/<slug>.md; defaults to the real content/news. */
  contentDir?: string;
  base?: string;
  siteUrl?: string;
  outDir: string;
  /** Extra environment, such as TZ, for the build process. */
  env?: Record<string, string>;
}

export interface BuildResult {
  code: number;
  output: string;
}

/** `project`: the checkout to build (another copy of the project, as on another machine). */
export function runAstro(args: string[], env: Record<string, string | undefined>, project = ROOT): Promise<BuildResult> {
  return runScript(path.join(project, 'node_modules/astro/bin/astro.mjs'), args, env, project);
}

/** One of the project's command-line scripts (`script`, relative to `project` or absolute), its output collected. */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>, project = ROOT): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    // The pinned Node runs the tests; Astro must run on it too, not on whatever `node` is on PATH.
    const child = spawn(process.execPath, [path.resolve(project, script), ...args], {
      cwd: project,
      // No colours: CI=true turns them on, and escape codes would split the lines tests match.
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output: output.replace(/\x1B\[[0-9;]*m/g, '') }));
  });
}

/**
 * Removes a test build's output folder and its cache folder (content store, cached HTML, images,
 * pages: src/output/cache/build-cache.ts), so that its next build is cold however often the test has
 * run in this checkout. Builds at the site root only.
 */
export async function startCold(outDir: string, contentDir: string): Promise<void> {
  for (const dir of [outDir, buildCacheDir(ROOT, { outDir, base: '/', contentDir })]) await rm(dir, { recursive: true, force: true });
}

/**
 * Test builds in tests/.tmp/builds/ made before the build marked its output folders would now be
 * refused as folders the build did not write (so would those marked before markers named their
 * folder, or its instance): those scratch folders are the tests' own, so they are cleared. No other folder is
 * (tests of the refusal build elsewhere).
 */
async function clearUnmarkedScratchBuild(outDir: string): Promise<void> {
  const builds = path.join(TMP, 'builds');
  const resolved = path.resolve(outDir);
  const marker = path.join(resolved, OUTPUT_MARKER);
  const ours = existsSync(marker) && markerNamesFolder(readFileSync(marker, 'utf8'), realpathSync(resolved), statSync(resolved, { bigint: true }));
  if (path.dirname(resolved) === builds && existsSync(resolved) && !ours) {
    await rm(resolved, { recursive: true, force: true });
  }
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  await clearUnmarkedScratchBuild(options.outDir);
  return runAstro(['build'], {
    ARCHIVE_CONTENT_DIR: options.contentDir,
    BASE_PATH: options.base,
    SITE_URL: options.siteUrl,
    ARCHIVE_OUT_DIR: options.outDir,
    ...options.env,
  });
}

const builds = new Map<string, Promise<string>>();

/** Builds into tests/.tmp/builds/<name>, once per test process; later callers share the output. */
export function buildOnce(name: string, options: Omit<BuildOptions, 'outDir'>): Promise<string> {
  let pending = builds.get(name);
  if (!pending) {
    const outDir = path.join(TMP, 'builds', name);
    pending = build({ ...options, outDir }).then((result) => {
      if (result.code !== 0) throw new Error(`build ${name} failed:\n${result.output}`);
      return outDir;
    });
    builds.set(name, pending);
  }
  return pending;
}

/** The build `npm test` made before the browser tests (`npm run build` into dist/). */
export function defaultDist(): string {
  const dist = path.join(ROOT, 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  }
  return dist;
}
