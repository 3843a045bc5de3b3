import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeStamp, SETTLE_MS, sourceStamp, trustedUnchanged } from '../../../src/reports/source-stamp/source-stamp.ts';

const written = 1_700_000_000_123.456;
const file = { dev: 2049, ino: 1234567, size: 4096, mtimeMs: written, ctimeMs: written };
const check = 'abc123';
/** Stamped a minute after the file was written: settled. */
const stored = encodeStamp(sourceStamp(file, written + 60_000, check));
const now = (changes: Partial<typeof file> = {}, otherCheck = check) => sourceStamp({ ...file, ...changes }, written + 120_000, otherCheck);

test('a file whose stat is what it was when it was read, long after it was written, need not be read again', () => {
  assert.equal(trustedUnchanged(stored, now()), true);
});

test('any difference in the stat means the file is read again: an edit, a touch, a file moved over it, a copy', () => {
  assert.equal(trustedUnchanged(stored, now({ size: 4097 })), false, 'another size');
  assert.equal(trustedUnchanged(stored, now({ mtimeMs: written + 1 })), false, 'another modification time');
  assert.equal(trustedUnchanged(stored, now({ mtimeMs: written - 86_400_000 })), false, 'a time set back (touch -d)');
  assert.equal(trustedUnchanged(stored, now({ ctimeMs: written + 90_000 })), false, 'same size and times put back: the change time moved');
  assert.equal(trustedUnchanged(stored, now({ ino: 7654321 })), false, 'another file moved over it');
  assert.equal(trustedUnchanged(stored, now({ dev: 2050 })), false, 'another device');
});

test('a file changed shortly before it was stamped is read again: it may have changed again within the same clock tick', () => {
  const recent = encodeStamp(sourceStamp(file, written + SETTLE_MS / 2, check));
  assert.equal(trustedUnchanged(recent, now()), false);
  const justSettled = encodeStamp(sourceStamp(file, written + SETTLE_MS + 1, check));
  assert.equal(trustedUnchanged(justSettled, now()), true);
});

test('another raw check (code or packages upgraded) reads and checks every file again', () => {
  assert.equal(trustedUnchanged(stored, now({}, 'def456')), false);
});

test('nothing stored, or something else stored, vouches for nothing', () => {
  for (const value of [undefined, null, '', 'x:y', 42, { ...file, stampedAt: written + 60_000, check }, stored.replace(/^\d+/, 'NaN')]) {
    assert.equal(trustedUnchanged(value, now()), false, JSON.stringify(value));
  }
});
