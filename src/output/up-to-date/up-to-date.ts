/**
 * Whether a build would only repeat the last one. A build's output is a function of its inputs
 * (the archive's files, the code, the configuration and settings: nothing in it depends on the
 * clock), and its checks' verdicts are too. So when every input is as the last finished build
 * saw it, and the output folder is as that build left it, building again would write the same
 * files and pass the same checks: there is nothing to do. Anything else builds, and the reason
 * is told. Pure: the caller stamps the files (file-stamps.ts).
 *
 * What may vouch for a file:
 * - code and configuration (src/, astro.config.mjs, the lock files, .env files): a digest of its bytes;
 * - the archive's files and public/ (many, large): their stat stamp, as for report files in the
 *   content store (src/reports/source-stamp/), and only a stamp that was settled: a file whose
 *   times lie within SETTLE_MS of the moment the inputs were stamped may have been written again
 *   in the same clock tick, after the build read it;
 * - the output folder: the stamps taken when the build finished; a file changed, added or removed
 *   there since means it is no longer that build's output.
 */
import { SETTLE_MS, settled } from '../../reports/source-stamp/source-stamp.ts';
import { stampTime } from './file-stamps.ts';

export const RECORD_VERSION = 1;
/** In the build's cache folder, beside the finished-build marker (src/output/keep-output-integration.ts). */
export const UP_TO_DATE_RECORD = 'up-to-date.json';

export interface InputSnapshot {
  /** A fingerprint of the settings, the environment a build reads and the Node version. */
  settings: string;
  /** When the stamps were taken (ms since the epoch), before the build read anything. */
  stampedAt: number;
  /** The archive's files and public/: path -> stat stamp. */
  stamped: Map<string, string>;
  /** Code and configuration: path -> digest of its bytes. */
  digested: Map<string, string>;
  /** Symlinks to folders among the inputs: what lies behind them is not stamped. */
  links: string[];
}

/** What a finished build leaves in its cache folder. */
export interface BuildRecord {
  version: number;
  settings: string;
  stampedAt: number;
  finishedAt: string;
  stamped: Record<string, string>;
  digested: Record<string, string>;
  /** The output folder's files when the build finished: path -> stat stamp. */
  outputs: Record<string, string>;
  /** The build's warnings, told again when nothing is built (a build tells them every time). */
  warnings: string[];
}

export interface Change {
  reason: string;
  /** The output folder is not as the last build left it: it is to be built again from empty. */
  output: boolean;
}

export function buildRecord(inputs: InputSnapshot, outputs: ReadonlyMap<string, string>, warnings: string[], finishedAt: Date): BuildRecord {
  return {
    version: RECORD_VERSION,
    settings: inputs.settings,
    stampedAt: inputs.stampedAt,
    finishedAt: finishedAt.toISOString(),
    stamped: Object.fromEntries(inputs.stamped),
    digested: Object.fromEntries(inputs.digested),
    outputs: Object.fromEntries(outputs),
    warnings,
  };
}

/** A record read from disk, or undefined when it is not one this code wrote. */
export function parseRecord(json: string | undefined): BuildRecord | undefined {
  if (json === undefined) return undefined;
  try {
    const record = JSON.parse(json) as Partial<BuildRecord>;
    const isMap = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
    if (record.version !== RECORD_VERSION || typeof record.settings !== 'string' || typeof record.stampedAt !== 'number') return undefined;
    if (!isMap(record.stamped) || !isMap(record.digested) || !isMap(record.outputs) || !Array.isArray(record.warnings)) return undefined;
    return record as BuildRecord;
  } catch {
    return undefined;
  }
}

/** Names up to three paths and says how many more there are. */
function some(paths: readonly string[], show: (file: string) => string): string {
  const named = paths.slice(0, 3).map(show).join(', ');
  return paths.length > 3 ? `${named} and ${paths.length - 3} more` : named;
}

/** The paths added, removed and changed between `before` and `after`. */
function differences(before: Readonly<Record<string, string>>, after: ReadonlyMap<string, string>): { added: string[]; removed: string[]; changed: string[] } {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [file, value] of after) {
    const was = before[file];
    if (was === undefined) added.push(file);
    else if (was !== value) changed.push(file);
  }
  const removed = Object.keys(before).filter((file) => !after.has(file));
  return { added, removed, changed };
}

function describe(what: string, diff: ReturnType<typeof differences>, show: (file: string) => string): string | undefined {
  if (diff.changed.length > 0) return `${what} changed since the last build: ${some(diff.changed, show)}`;
  if (diff.added.length > 0) return `${what} added since the last build: ${some(diff.added, show)}`;
  if (diff.removed.length > 0) return `${what} removed since the last build: ${some(diff.removed, show)}`;
  return undefined;
}

/**
 * Why a build is needed, or undefined when the last finished build's output is what a build
 * would write. `outputs` stamps the output folder: it is compared whenever a build is recorded,
 * since a folder changed by hand must be built again from empty even when an input changed too
 * (a build keeps the files it would write again unchanged). `show` gives a path as the message
 * names it.
 */
export function whatChanged(
  record: BuildRecord | undefined,
  inputs: InputSnapshot,
  outputs: () => ReadonlyMap<string, string>,
  show: (file: string) => string = (file) => file,
): Change | undefined {
  if (!record) return { reason: 'no finished build of these settings is recorded', output: false };
  const output = describe('output files', differences(record.outputs, outputs()), show);
  const input = inputChange(record, inputs, show);
  if (output) return { reason: `${input ? `${input}; ` : ''}${output} (the output folder is built again from empty)`, output: true };
  return input ? { reason: input, output: false } : undefined;
}

/** Why the inputs are not those the recorded build read, or undefined. */
function inputChange(record: BuildRecord, inputs: InputSnapshot, show: (file: string) => string): string | undefined {
  if (record.settings !== inputs.settings) return 'the settings, the environment or the Node version changed since the last build';
  if (inputs.links.length > 0) return `${some(inputs.links, show)}: a symbolic link to a folder, whose files are not compared between builds`;
  const code = describe('code or configuration', differences(record.digested, inputs.digested), show);
  if (code) return code;
  const files = describe('files', differences(record.stamped, inputs.stamped), show);
  if (files) return files;
  const unsettled = Object.entries(record.stamped)
    .filter(([, stamp]) => !settled(stampTime(stamp), record.stampedAt))
    .map(([file]) => file);
  if (unsettled.length > 0) {
    return `${some(unsettled, show)} changed within ${SETTLE_MS / 1000} s of the last build's start, which may have read an earlier version`;
  }
  return undefined;
}
