import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ORDERING = fileURLToPath(new URL('../../../src/archive/ordering.ts', import.meta.url));

/** The order of two same-day reports as a build on a machine with this locale would list them. */
function orderUnder(locale: Record<string, string>): string[] {
  const script = `import { sortNewestFirst } from ${JSON.stringify(ORDERING)};
const day = new Date('2020-01-02');
console.log(JSON.stringify(sortNewestFirst([{ id: '2020/bab', data: { date: day } }, { id: '2020/aab', data: { date: day } }]).map((r) => r.id)));`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete env[name];
  Object.assign(env, locale);
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' })) as string[];
}

test('reports of one day are listed in one order whatever the locale of the machine that builds', () => {
  // In Danish collation "aa" is "å", after "b": a build that used the process's locale would differ.
  assert.ok('aab'.localeCompare('bab', 'da') > 0, 'this Node knows Danish collation');
  const expected = ['2020/aab', '2020/bab'];
  const locales: Record<string, string>[] = [{}, { LANG: 'da_DK.UTF-8' }, { LC_MESSAGES: 'da_DK.UTF-8' }, { LC_ALL: 'cs_CZ.UTF-8' }];
  for (const locale of locales) {
    assert.deepEqual(orderUnder(locale), expected, JSON.stringify(locale));
  }
});
