/**
 * npm run import -- [--date YYYY-MM-DD] [--source NAME] [--source-url URL] [--language TAG] FILE.txt...
 *
 * Prints the path of each entry written. Exit codes, for scripts:
 *   0 all imported · 1 a file could not be parsed · 2 usage error · 3 an entry already exists
 *   4 a file could not be read or written. Every file is attempted; the highest code wins.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newsContentDir } from '../reports/content-dir.ts';
import { parseReport } from './parse-report.ts';
import { EntryExistsError, writeEntry } from './write-report.ts';

export const EXIT = { ok: 0, parse: 1, usage: 2, exists: 3, io: 4 } as const;

const USAGE = 'usage: npm run import -- [--date YYYY-MM-DD] [--source NAME] [--source-url URL] [--language TAG] FILE.txt...';

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
  const contentDir = newsContentDir(env);
  let code: number = EXIT.ok;
  for (const input of args.positionals) {
    const result = await importOne(input, contentDir, {
      date: args.values.date,
      sourceName: args.values.source,
      sourceUrl: args.values['source-url'],
      language: args.values.language,
    });
    code = Math.max(code, result);
  }
  return code;
}

async function importOne(input: string, contentDir: string, options: Parameters<typeof parseReport>[1]): Promise<number> {
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (error) {
    console.error(`${input}: error: cannot read: ${(error as Error).message}`);
    return EXIT.io;
  }
  const parsed = parseReport(text, options);
  if (!parsed.ok) {
    console.error(`${input}: error [${parsed.error.code}]: ${parsed.error.message}`);
    return EXIT.parse;
  }
  try {
    const written = await writeEntry(contentDir, parsed.report);
    console.log(path.relative(process.cwd(), written));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof EntryExistsError) {
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
