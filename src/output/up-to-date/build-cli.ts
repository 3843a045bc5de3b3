/**
 * `npm run build [-- --force] [--verbose | --silent]`: `astro build`, unless nothing changed since
 * the last finished build of the same settings (up-to-date.ts), in which case its output is
 * already what a build would write, and the command says so, tells that build's warnings again
 * and exits. `--force` builds anyway (and Astro then renders every report again). Other options
 * of `astro build` (`--site`, `--outDir`...) are refused: the build's settings come from the
 * environment (src/settings/build-settings.ts), where the check sees them.
 *
 * The inputs are stamped before Astro starts, so a file changed while it builds is seen by the
 * next check; the record is written only after a build that succeeded, and every build removes it
 * first (src/output/keep-output-integration.ts), so one that fails or is run as plain
 * `astro build` leaves none.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSettings, type BuildSettings } from '../../settings/build-settings.ts';
import { SETTING_VARIABLES } from '../../settings/setting-variables.ts';
import { ConfigError } from '../../urls/url-settings.ts';
import { buildCacheDirFor } from '../cache/build-cache.ts';
import { FINISHED_MARKER } from '../keep-output-integration.ts';
import { snapshotInputs, stampOutputs } from './build-inputs.ts';
import { buildRecord, parseRecord, UP_TO_DATE_RECORD, whatChanged, type InputSnapshot } from './up-to-date.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');

const say = (message: string) => process.stdout.write(`[news-archive] ${message}\n`);
const plain = (line: string) => line.replace(/\x1B\[[0-9;]*m/g, '');

/** Options passed on to `astro build`; they change what it logs, not what it writes. */
const PASSED_ON = new Set(['--force', '--verbose', '--silent']);
/** The problem with the command's arguments, with the fix, or undefined. */
export function argumentProblem(args: readonly string[]): string | undefined {
  const other = args.filter((arg) => !PASSED_ON.has(arg));
  if (other.length === 0) return undefined;
  return `npm run build takes --force, --verbose and --silent, not ${other.join(' ')}: the build's settings come from the environment, where the check for changes sees them (${SETTING_VARIABLES.join(', ')}; see README, "Deploying"). For Astro's own options run npx astro build.`;
}

/**
 * Warnings of this build's archive, told again when nothing is built: not those the output
 * folder's own step gives about what it found there (symlinks, hard links), which describe a
 * state that build repaired.
 */
const NOT_RETOLD = /\[news-archive:keep-output\]/;
const LOG_LINE = /^(\d\d:\d\d:\d\d |\[)/;

/** Runs `astro build` with these arguments, passing its output through; resolves to its exit code and the warnings it logged. */
function astroBuild(args: string[]): Promise<{ code: number; warnings: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO, 'build', ...args], { cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'] });
    const warnings: string[] = [];
    const pass = (from: NodeJS.ReadableStream, to: NodeJS.WritableStream) => {
      let pending = '';
      // A warning may run over several lines: those up to the next line of the log are its own.
      let inWarning = false;
      from.on('data', (chunk: Buffer) => {
        to.write(chunk);
        const lines = (pending + chunk.toString('utf8')).split('\n');
        pending = lines.pop()!;
        for (const raw of lines) {
          const line = plain(raw).trimEnd();
          if (/\[WARN\]/.test(line)) {
            inWarning = !NOT_RETOLD.test(line);
            if (inWarning) warnings.push(line);
          } else if (inWarning && line !== '' && !LOG_LINE.test(line)) {
            warnings[warnings.length - 1] += `\n${line}`;
          } else {
            inWarning = false;
          }
        }
      });
    };
    pass(child.stdout, process.stdout);
    pass(child.stderr, process.stderr);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, warnings }));
  });
}

function readIfPresent(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Paths as the messages name them: relative to the project when inside it. */
function shown(file: string): string {
  const relative = path.relative(ROOT, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function main(args: string[]): Promise<number> {
  const problem = argumentProblem(args);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 1;
  }
  let settings: BuildSettings;
  try {
    settings = buildSettings(process.env, ROOT);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const cacheDir = buildCacheDirFor(settings);
  const recordFile = path.join(cacheDir, UP_TO_DATE_RECORD);
  const outDir = path.resolve(ROOT, settings.outDir);
  const inputs: InputSnapshot = snapshotInputs(settings, process.env);

  const record = existsSync(path.join(cacheDir, FINISHED_MARKER)) ? parseRecord(readIfPresent(recordFile)) : undefined;
  const change = whatChanged(record, inputs, () => stampOutputs(outDir), shown);
  if (!args.includes('--force')) {
    if (!change) {
      const outputs = Object.keys(record!.outputs).length;
      say(
        `up to date: nothing changed since the build that finished at ${record!.finishedAt} (${inputs.stamped.size + inputs.digested.size} input files, the settings and ${outputs} output files are as it left them); ${shown(outDir)} is that build's output. To build anyway: npm run build -- --force`,
      );
      if (record!.warnings.length > 0) {
        say(`that build's ${record!.warnings.length} warning(s), told again:`);
        for (const warning of record!.warnings) process.stdout.write(`${warning}\n`);
      }
      return 0;
    }
    say(`building: ${change.reason}`);
  }
  // The folder is not the last build's output any more: a build keeps whatever it finds there
  // that it would write again unchanged, so it starts from an empty folder instead.
  if (change?.output) await rm(path.join(cacheDir, FINISHED_MARKER), { force: true });
  await rm(recordFile, { force: true });
  const { code, warnings } = await astroBuild(args);
  if (code === 0) writeFileSync(recordFile, JSON.stringify(buildRecord(inputs, stampOutputs(outDir), warnings, new Date())));
  return code;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
