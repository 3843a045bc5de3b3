import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/paths.ts';

const SRC = path.join(ROOT, 'src');
const files = readdirSync(SRC, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
const relative = (e: (typeof files)[number]) => path.relative(SRC, path.join(e.parentPath, e.name));

test('no two source files share a name, so a name says which file is meant (routes are named by their URLs)', () => {
  const byName = new Map<string, string[]>();
  for (const entry of files) {
    if (relative(entry).startsWith(`pages${path.sep}`)) continue;
    byName.set(entry.name, [...(byName.get(entry.name) ?? []), relative(entry)]);
  }
  const shared = [...byName.values()].filter((paths) => paths.length > 1);
  assert.deepEqual(shared, []);
});

test('no folder of src/ holds more than 12 files: a feature that grows gets sub-folders', () => {
  const counts = new Map<string, number>();
  for (const entry of files) counts.set(entry.parentPath, (counts.get(entry.parentPath) ?? 0) + 1);
  const crowded = [...counts].filter(([, n]) => n > 12).map(([dir, n]) => `${path.relative(ROOT, dir)}: ${n} files`);
  assert.deepEqual(crowded, []);
});
