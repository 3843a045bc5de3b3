import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Loader, LoaderContext } from 'astro/loaders';
import { strictLoader } from '../../../src/reports/reports-loader.ts';

function fakeContext(logged: string[]): LoaderContext {
  const logger = {
    error: (m: string) => logged.push(`error ${m}`),
    warn: (m: string) => logged.push(`warn ${m}`),
    info: () => {},
    debug: () => {},
    label: 'test',
  };
  return { logger } as unknown as LoaderContext;
}

test('an error the inner loader only logs (a render failure) fails the load, and is still logged', async () => {
  const logged: string[] = [];
  const inner: Loader = {
    name: 'inner',
    load: async ({ logger }) => {
      logger.warn('just a warning');
      logger.error('Error rendering 2020/x.md: boom');
    },
  };
  await assert.rejects(strictLoader(inner, async () => {}).load(fakeContext(logged)), /could not be read or rendered[\s\S]*2020\/x\.md: boom/);
  assert.deepEqual(logged, ['warn just a warning', 'error Error rendering 2020/x.md: boom']);
});

test('a failed precheck stops before loading anything', async () => {
  let loaded = false;
  const inner: Loader = { name: 'inner', load: async () => void (loaded = true) };
  await assert.rejects(
    strictLoader(inner, async () => {
      throw new Error('2020/x.md: date: bad');
    }).load(fakeContext([])),
    /2020\/x\.md: date: bad/,
  );
  assert.equal(loaded, false);
});

test('a clean load passes', async () => {
  const inner: Loader = { name: 'inner', load: async () => {} };
  await strictLoader(inner, async () => {}).load(fakeContext([]));
});
