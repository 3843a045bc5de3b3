/**
 * npm run import -- [--date YYYY-MM-DD] [--source NAME] [--source-url URL] [--language TAG]
 *                   [--encoding utf-8|windows-1252] [--fix-double-encoding] FILE.txt...
 *
 * Prints the path of each entry written. Exit codes, for scripts:
 *   0 all imported · 1 a file could not be parsed or decoded · 2 usage error (a wrong option:
 *   nothing is read) · 3 an entry already exists · 4 a file could not be read or written.
 *   Every file is attempted; the highest code wins. Warnings do not change the code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reportsContentDir } from '../reports/content-dir.ts';
import { decodeRelease, type DecodeOptions } from './decode-text.ts';
import { ENCODINGS, dateProblem, isEncoding, sourceUrlProblem } from './import-options.ts';
import { parseReport } from './parse-report.ts';
import { ReportExistsError, writeReport } from './write-report.ts';

export const EXIT = { ok: 0, parse: 1, usage: 2, exists: 3, io: 4 } as const;

const USAGE =
  'usage: npm run import -- [--date YYYY-MM-DD] [--source NAME] [--source-url URL] [--language TAG] ' +
  '[--encoding utf-8|windows-1252] [--fix-double-encoding] FILE.txt...';

export async function main(argv: string[], env = process.env): Promise<number> {
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
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`import: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (args.positionals.length === 0) {
    console.error(`import: no input file\n${USAGE}`);
    return EXIT.usage;
  }
  const { date, encoding } = args.values;
  const sourceUrl = args.values['source-url'];
  // Wrong options stop everything before any file is read: they would fail every file alike.
  const problems = [
    date !== undefined ? dateProblem(date, '--date') : undefined,
    sourceUrl !== undefined ? sourceUrlProblem(sourceUrl) : undefined,
    isEncoding(encoding) ? undefined : `--encoding "${encoding}" is not one of ${ENCODINGS.join(', ')}`,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`import: ${problem}`);
    console.error(USAGE);
    return EXIT.usage;
  }
  const contentDir = reportsContentDir(env);
  const decoding: DecodeOptions = { encoding: encoding as DecodeOptions['encoding'], fixDoubleEncoding: args.values['fix-double-encoding'] };
  let code: number = EXIT.ok;
  for (const input of args.positionals) {
    const result = await importOne(input, contentDir, decoding, {
      date,
      sourceName: args.values.source,
      sourceUrl,
      language: args.values.language,
    });
    code = Math.max(code, result);
  }
  return code;
}

async function importOne(
  input: string,
  contentDir: string,
  decoding: DecodeOptions,
  options: Parameters<typeof parseReport>[1],
): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(input);
  } catch (error) {
    console.error(`${input}: error: cannot read: ${(error as Error).message}`);
    return EXIT.io;
  }
  const decoded = decodeRelease(bytes, decoding);
  if (!decoded.ok) {
    console.error(`${input}: error [encoding]: ${decoded.message}`);
    return EXIT.parse;
  }
  const text = decoded.text;
  const parsed = parseReport(text, options);
  if (!parsed.ok) {
    console.error(`${input}: error [${parsed.error.code}]: ${parsed.error.message}`);
    return EXIT.parse;
  }
  try {
    const written = await writeReport(contentDir, parsed.report);
    console.log(path.relative(process.cwd(), written));
    for (const warning of decoded.warnings) console.error(`${input}: warning [double-encoded]: ${warning}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ReportExistsError) {
      console.error(`${input}: error [exists]: ${error.message}`);
      return EXIT.exists;
    }
    console.error(`${input}: error: cannot write: ${(error as Error).message}`);
    return EXIT.io;
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
