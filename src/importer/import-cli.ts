/**
 * npm run import -- [options] FILE-OR-FOLDER...
 *
 * Imports sources (plain-text releases; WordPress exports, feeds and saved pages once their
 * readers are wired in pipeline/read-source.ts) into the content folder. Safe to run again: an item
 * imported before is recognised (by its source URL, else by the key recorded in the report) and
 * left alone, or with --update rewritten if its source changed and nobody edited the report since.
 * Prints one line per report written, then a summary table.
 *
 * Exit codes, for scripts (every item is attempted; the highest code wins; warnings and skipped
 * items do not change it):
 *   0 nothing failed, nothing left changed · 1 a source or item could not be imported (no date,
 *   not UTF-8, an unsupported format, ...) · 2 usage error (a wrong option: nothing is read) ·
 *   3 an item changed in its source but its report was not updated (use --update; or edited by
 *   hand) · 4 a file could not be read or written.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reportsContentDir } from '../reports/content-dir.ts';
import { isInside } from '../reports/local-images.ts';
import { ConfigError } from '../urls/url-settings.ts';
import type { DecodeOptions } from './decode-text.ts';
import { progressEvents, type Terminal } from './import-progress.ts';
import { ENCODINGS, dateProblem, isEncoding, languageProblem, sourceUrlProblem, timeZoneProblem } from './import-options.ts';
import { summaryLines } from './import-summary.ts';
import type { WriteOps } from './pipeline/atomic-write.ts';
import { sourceReaders, type ReaderTable } from './pipeline/read-source.ts';
import { runImport, type ImportTally } from './pipeline/run-import.ts';

export const EXIT = { ok: 0, parse: 1, usage: 2, changed: 3, io: 4 } as const;

const USAGE = `usage: npm run import -- [options] FILE-OR-FOLDER...
  --update                  rewrite reports whose source changed (never one edited since import)
  --dry-run                 show what would be written (new, changed, same); write nothing
  --media DIR               the WordPress uploads folder (wp-content/uploads): images are copied
                            beside their report
  --time-zone Area/City     the publication's time zone, for sources dated in UTC
  --pages                   WordPress pages as well as posts
  --source NAME             the publisher, when the source does not name it
  --language TAG            BCP 47 language, when the source does not say (default en)
  --date YYYY-MM-DD         plain text, one file: the day, when the text does not give it
  --source-url URL          plain text, one file: the original's address
  --encoding utf-8|windows-1252, --fix-double-encoding   how the files are encoded`;

/** What tests replace: the readers, the file operations (to simulate a crash), the terminal. */
export interface CliDeps {
  readers?: (defaults: ReaderTable) => ReaderTable;
  ops?: WriteOps;
  terminal?: Terminal;
}

const consoleTerminal = (): Terminal => ({
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  isTTY: Boolean(process.stderr.isTTY) && process.env.CI === undefined,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
});

async function isFolder(dir: string): Promise<boolean> {
  return stat(dir).then((s) => s.isDirectory(), () => false);
}

export async function main(argv: string[], env = process.env, deps: CliDeps = {}): Promise<number> {
  const terminal = deps.terminal ?? consoleTerminal();
  const usage = (problems: string[]) => {
    for (const problem of problems) terminal.err(`import: ${problem}`);
    terminal.err(USAGE);
    return EXIT.usage;
  };
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        date: { type: 'string' },
        source: { type: 'string' },
        'source-url': { type: 'string' },
        language: { type: 'string' },
        encoding: { type: 'string', default: 'utf-8' },
        'fix-double-encoding': { type: 'boolean', default: false },
        'time-zone': { type: 'string' },
        pages: { type: 'boolean', default: false },
        media: { type: 'string' },
        update: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usage([(error as Error).message]);
  }
  if (args.values.help) {
    terminal.out(USAGE);
    return EXIT.ok;
  }
  if (args.positionals.length === 0) return usage(['no input file or folder']);
  const { date, encoding, language, media } = args.values;
  const sourceUrl = args.values['source-url'];
  const timeZone = args.values['time-zone'];
  const cwd = process.cwd();
  let contentDir: string;
  try {
    contentDir = reportsContentDir(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return usage([error.message]); // ARCHIVE_CONTENT_DIR blank, padded or `~/...`: nothing is read or written
  }
  const mediaDir = media !== undefined ? path.resolve(cwd, media) : undefined;
  const folders = await Promise.all(args.positionals.map((input) => isFolder(path.resolve(cwd, input))));

  // Wrong options stop everything before any file is read: they would fail every file alike.
  const problems = [
    date !== undefined ? dateProblem(date, '--date') : undefined,
    sourceUrl !== undefined ? sourceUrlProblem(sourceUrl) : undefined,
    ...(args.positionals.length > 1 || folders.some(Boolean)
      ? [
          sourceUrl !== undefined ? '--source-url names the original of one release: import that one file with it, and the others without' : undefined,
          // It overrides the date a text gives: on many files it would date them all alike.
          date !== undefined ? '--date dates one release: import the file that lacks a date on its own with it, and the others without' : undefined,
        ]
      : []),
    isEncoding(encoding) ? undefined : `--encoding "${encoding}" is not one of ${ENCODINGS.join(', ')}`,
    timeZone !== undefined ? timeZoneProblem(timeZone) : undefined,
    language !== undefined ? languageProblem(language) : undefined,
    mediaDir !== undefined && !(await isFolder(mediaDir))
      ? `--media "${media}" is not a folder: give the WordPress uploads folder (the one holding 2020/07/...), e.g. --media backup/wp-content/uploads`
      : undefined,
    ...args.positionals.map((input) =>
      isInside(contentDir, path.resolve(cwd, input))
        ? `"${input}" is inside the content folder (${path.relative(cwd, contentDir) || '.'}): import sources from elsewhere`
        : undefined,
    ),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) return usage(problems);

  const defaults = sourceReaders({ ...(date !== undefined ? { date } : {}), ...(sourceUrl !== undefined ? { sourceUrl } : {}) });
  const dryRun = args.values['dry-run'];
  const events = progressEvents(terminal);
  let tally: ImportTally;
  try {
    tally = await runImport(
      {
        inputs: args.positionals,
        contentDir,
        cwd,
        decoding: { encoding: encoding as DecodeOptions['encoding'], fixDoubleEncoding: args.values['fix-double-encoding'] },
        reader: {
          includePages: args.values.pages,
          ...(timeZone !== undefined ? { timeZone } : {}),
          ...(args.values.source !== undefined ? { sourceName: args.values.source } : {}),
          ...(language !== undefined ? { language } : {}),
        },
        readers: deps.readers ? deps.readers(defaults) : defaults,
        ...(mediaDir !== undefined ? { mediaDir } : {}),
        update: args.values.update,
        dryRun,
        ...(deps.ops ? { ops: deps.ops } : {}),
      },
      events,
    );
  } catch (error) {
    events.stop();
    terminal.err(`import: error: ${(error as Error).message}`);
    return EXIT.io;
  }
  events.stop();
  for (const line of summaryLines(tally, dryRun)) terminal.out(line);
  return exitCode(tally);
}

export function exitCode(tally: ImportTally): number {
  let code: number = EXIT.ok;
  if (tally.changed.length > 0) code = EXIT.changed;
  for (const failure of tally.failed) code = Math.max(code, failure.kind === 'io' ? EXIT.io : EXIT.parse);
  return code;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
