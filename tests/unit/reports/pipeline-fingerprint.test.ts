/**
 * The Markdown pipeline's fingerprint, part of every cached body's key: it follows the pipeline's
 * own modules import by import, so editing any of them (or the settings) renders every report
 * again, with no cache to delete by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleClosure, pipelineFingerprint, relativeImports } from '../../../src/reports/render/pipeline-fingerprint.ts';

test('relative imports are found in every form: named, default, type-only, side effect, re-export, over several lines', () => {
  const code = [
    "import { unified } from '@astrojs/markdown-remark';",
    "import remarkTagfilter from './remark-tagfilter.ts';",
    'import {\n  rehypeHeadingSlugs,\n  rehypeInPageLinks,\n} from "./user-content-ids.ts";',
    "import type { SanitizeReport } from './rehype-sanitize-reported.ts';",
    "import './side-effect.ts';",
    "export { countWords } from '../reading-time.ts';",
    "const text = 'not an import from ./nowhere.ts';",
  ].join('\n');
  assert.deepEqual(relativeImports(code), ['./remark-tagfilter.ts', './user-content-ids.ts', './rehype-sanitize-reported.ts', './side-effect.ts', '../reading-time.ts']);
});

test('the closure reaches every module of the pipeline once, however they import each other', async () => {
  const files: Record<string, string> = {
    '/src/render/entry.ts': "import { a } from './a.ts';\nimport { b } from '../b.ts';",
    '/src/render/a.ts': "import { b } from '../b.ts';",
    '/src/b.ts': "import { a } from './render/a.ts';\nimport x from 'some-package';",
  };
  const closure = await moduleClosure('/src/render/entry.ts', async (file) => files[file] ?? assert.fail(`read ${file}`));
  assert.deepEqual(closure.map(([file]) => file), ['/src/b.ts', '/src/render/a.ts', '/src/render/entry.ts']);
});

test('the real pipeline reaches its plugins, and the fingerprint follows the renderer settings', async () => {
  const closure = await moduleClosure(new URL('../../../src/reports/render/render-report.ts', import.meta.url).pathname);
  const names = closure.map(([file]) => file.split('/src/')[1]);
  for (const module of ['reports/render/markdown-processor.ts', 'reports/render/sanitize/rehype-sanitize-reported.ts', 'reports/render/sanitize/control-words.ts', 'reports/render/user-content-ids.ts', 'reports/reading-time.ts']) {
    assert.ok(names.includes(module), `${module} in ${names.join(', ')}`);
  }
  const root = new URL('../../../', import.meta.url).pathname;
  const plain = await pipelineFingerprint(root, { gfm: true, smartypants: true });
  assert.equal(await pipelineFingerprint(root, { gfm: true, smartypants: true }), plain);
  assert.notEqual(await pipelineFingerprint(root, { gfm: true, smartypants: false }), plain);
});
