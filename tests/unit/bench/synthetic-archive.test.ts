import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { generateArchive, rareWordFor } from '../../bench/generate.ts';
import { checkRawReport } from '../../../src/reports/raw-report-check.ts';
import { reportSchema } from '../../../src/reports/schema.ts';
import { parse } from 'yaml';
import { TMP } from '../../support/paths.ts';

test('the synthetic archive is deterministic, valid, and its rare words are unique', async () => {
  const dirA = path.join(TMP, 'unit-synth-a');
  const dirB = path.join(TMP, 'unit-synth-b');
  try {
    const a = await generateArchive({ dir: dirA, count: 40, seed: 7 });
    const b = await generateArchive({ dir: dirB, count: 40, seed: 7 });
    assert.deepEqual(a.map((r) => r.id), b.map((r) => r.id));
    const rare = new Set(a.map((r) => r.rareWord));
    assert.equal(rare.size, 40);
    for (const report of a) {
      const text = await readFile(report.file, 'utf8');
      assert.equal(text, await readFile(report.file.replace(dirA, dirB), 'utf8'));
      const relative = path.relative(dirA, report.file);
      assert.deepEqual(checkRawReport(relative, text).problems, []);
      const frontmatter = parse(text.split('---\n')[1]!);
      assert.ok(reportSchema.safeParse(frontmatter).success, relative);
      assert.ok(text.includes(report.rareWord));
      const words = text.split('---\n').slice(2).join('').split(/\s+/).length;
      assert.ok(words >= 400 && words <= 1100, `${relative}: ${words} words`);
    }
    const other = await generateArchive({ dir: dirB, count: 40, seed: 8 });
    assert.notDeepEqual(other.map((r) => r.date), a.map((r) => r.date));
  } finally {
    await rm(dirA, { recursive: true, force: true });
    await rm(dirB, { recursive: true, force: true });
  }
  assert.notEqual(rareWordFor(0), rareWordFor(26));
});
