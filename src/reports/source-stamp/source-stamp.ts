/**
 * When a report's file may be taken as unchanged since the last sync without reading it: reading,
 * checking and digesting every file was most of a warm sync (10,000 files, every build). The
 * stamp is what `stat` says of the file (device, inode, size, modification and change times),
 * taken before its bytes were read, kept in the stored entry beside its digest.
 *
 * A file is trusted only when all of these hold:
 * - its stat equals the stamp. The change time (ctime) cannot be set by hand: an edit of the same
 *   size, `touch -d` with a time in the past, a copy with `cp -p` or a file moved over it all
 *   give a new ctime (and a move a new inode);
 * - the stamp was settled: the file's times lay more than SETTLE_MS before the stat was taken. A
 *   file written in the same clock tick as the stat (timestamps are coarse on some file systems:
 *   2 s on FAT) could be written again in that tick, after the read, and keep its times; such a
 *   file is read again on the next sync, and stamped again then;
 * - the raw check (../raw-report-check.ts) that passed on those bytes is the same code: its verdict,
 *   like the bytes, is unchanged.
 * Anything else (no stamp, another one, another check) reads and checks the file as before.
 */
import { codeFingerprint } from '../../output/cache/code-fingerprint.ts';

/** Margin between a file's last change and the stat that may vouch for it; covers FAT's 2 s times and small clock skew. */
export const SETTLE_MS = 2_000;

export interface SourceStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** The clock (ms since the epoch) just before the stat. */
  stampedAt: number;
  /** The raw check's fingerprint (rawCheckFingerprint). */
  check: string;
}

export interface StatLike {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function sourceStamp(info: StatLike, stampedAt: number, check: string): SourceStamp {
  return { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, stampedAt, check };
}

/** The stamp as kept in the store: one short string (10,000 of them are written on every build). */
export function encodeStamp(stamp: SourceStamp): string {
  return [stamp.dev, stamp.ino, stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.stampedAt, stamp.check].join(':');
}

function decodeStamp(value: unknown): SourceStamp | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.split(':');
  if (parts.length !== 7) return undefined;
  const [dev, ino, size, mtimeMs, ctimeMs, stampedAt] = parts.slice(0, 6).map(Number) as number[];
  if (![dev, ino, size, mtimeMs, ctimeMs, stampedAt].every((n) => Number.isFinite(n))) return undefined;
  return { dev: dev!, ino: ino!, size: size!, mtimeMs: mtimeMs!, ctimeMs: ctimeMs!, stampedAt: stampedAt!, check: parts[6]! };
}

/** Whether the stored stamp (as encodeStamp wrote it, or anything read from the store) vouches that the file now stamped `current` holds the same bytes. Pure. */
export function trustedUnchanged(storedStamp: unknown, current: SourceStamp): boolean {
  const stored = decodeStamp(storedStamp);
  if (!stored) return false;
  const same =
    stored.dev === current.dev &&
    stored.ino === current.ino &&
    stored.size === current.size &&
    stored.mtimeMs === current.mtimeMs &&
    stored.ctimeMs === current.ctimeMs &&
    stored.check === current.check;
  return same && settled(Math.max(stored.mtimeMs, stored.ctimeMs), stored.stampedAt);
}

/** Whether a file last changed at `changedAt` lay far enough before the stat taken at `stampedAt` for that stat to vouch for its bytes (ms since the epoch). */
export function settled(changedAt: number, stampedAt: number): boolean {
  return changedAt < stampedAt - SETTLE_MS;
}

/** The raw check's code (raw-report-check.ts and the modules it imports) and the installed packages. */
export function rawCheckFingerprint(): Promise<string> {
  return codeFingerprint(new URL('../raw-report-check.ts', import.meta.url));
}
