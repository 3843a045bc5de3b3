/**
 * The variables the build reads from the environment, in one place, and the misspelt ones it
 * refuses. A misspelt name is not an error the build would otherwise see: ARCHIVE_OUTDIR=/tmp/x
 * built into dist/, BASEPATH=/archive/ at the root, and SITE_URI= got only the warning that
 * SITE_URL is not set. So every ARCHIVE_* variable the build does not read is refused, and so is a
 * clear near-miss of another name (the same letters without `_`, another case, or one letter
 * wrong, missing, added or swapped). The environment holds many other variables (the shell's, the
 * CI system's: GIT_URL is two letters from SITE_URL), so nothing further off is flagged.
 * Likewise a setting in a .env file: the build reads the environment only, so it was ignored.
 */
import { parseEnv } from 'node:util';

/**
 * Every variable the build reads (build-settings.ts; ARCHIVE_RENDER_THREADS: the render pool).
 * The tests and benchmarks set no other ARCHIVE_* variable; one added here is one the build reads.
 */
export const SETTING_VARIABLES = [
  'SITE_URL',
  'BASE_PATH',
  'ARCHIVE_OUT_DIR',
  'ARCHIVE_CONTENT_DIR',
  'ARCHIVE_SEARCH_PARTITION_YEARS',
  'ARCHIVE_BUILD_PART',
  'ARCHIVE_RENDER_THREADS',
] as const;

const KNOWN = new Set<string>(SETTING_VARIABLES);

/** The variable `name` was probably meant to be, or undefined when it is one or is not close to one. */
export function meantVariable(name: string): string | undefined {
  if (KNOWN.has(name)) return undefined;
  const upper = name.toUpperCase();
  const squashed = upper.replace(/[^A-Z0-9]/g, '');
  const byDistance = SETTING_VARIABLES.map((known) => ({ known, distance: editDistance(upper, known) })).sort((a, b) => a.distance - b.distance);
  if (upper.startsWith('ARCHIVE_')) return byDistance[0]!.known;
  const near = byDistance.find(
    ({ known, distance }) => known.replace(/_/g, '') === squashed || distance <= (known.length >= 12 ? 2 : 1),
  );
  return near?.known;
}

/** One message per misspelt variable of the environment, naming its value and the fix. */
export function misspeltVariableProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (value === undefined) continue;
    const meant = meantVariable(name);
    if (meant === undefined) continue;
    problems.push(
      `${name}=${JSON.stringify(value)} is not a variable this build reads: did you mean ${meant}? Rename it (${meant}=${JSON.stringify(value)}), or unset ${name}. The build reads ${SETTING_VARIABLES.join(', ')} (README, "Deploying").`,
    );
  }
  return problems;
}

/** What Astro is run for: `astro dev`, or anything else (a build, preview, sync), which Vite runs in production mode. */
export type AstroCommand = 'dev' | 'build';

/**
 * The .env files at the project's root that Vite reads for a command (into import.meta.env, and
 * only its PUBLIC_ and VITE_ variables): every mode's, and its own mode's.
 */
export function envFilesFor(command: AstroCommand): string[] {
  const mode = command === 'dev' ? 'development' : 'production';
  return ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`];
}

/** Those of a build; the check for changes digests them (build-inputs.ts). */
export const ENV_FILES = envFilesFor('build');

/**
 * One message per setting (or misspelt setting) in a .env file, with the fix. The build takes its
 * settings from the environment alone, and other modules read process.env directly, so loading
 * the files here would not make them count everywhere: they are refused instead of ignored. A
 * line the environment already agrees with is not (a tool such as dotenv-cli, or a container's
 * env_file, put it there): the build does read that value.
 * `read` gives a file's text, or undefined when it is absent; `env` is the build's environment.
 */
export function envFileProblems(read: (file: string) => string | undefined, env: NodeJS.ProcessEnv = {}, command: AstroCommand = 'build'): string[] {
  const problems: string[] = [];
  const [reader, run] = command === 'dev' ? ['the dev server', 'npm run dev'] : ['the build', 'npm run build'];
  // Only the files this command's Vite reads: another mode's file is another command's (a
  // .env.production that dotenv-cli loads for builds is no concern of `npm run dev`).
  for (const file of envFilesFor(command)) {
    const text = read(file);
    if (text === undefined) continue;
    for (const [name, value] of Object.entries(parseEnv(text))) {
      const meant = KNOWN.has(name) ? name : meantVariable(name);
      if (meant === undefined || (meant === name && env[name] === value)) continue;
      problems.push(
        `${file} sets ${name}=${JSON.stringify(value)}, which ${reader} ignores: it reads its settings from the environment, not from .env files. ` +
          `Set it in the environment instead (${meant}=${JSON.stringify(value)} ${run}, or the CI job's env), and remove the line from ${file}.`,
      );
    }
  }
  return problems;
}

/**
 * The optimal string alignment distance: letters inserted, deleted, replaced, or two neighbours
 * swapped (BASE_PAHT is one step from BASE_PATH, not two).
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
