/**
 * `npm run bench:import [-- --posts 10000] [--seed 1] [--no-media] [--target 120]`
 *
 * The target: a generated 10,000-post WordPress export imports in under two minutes.
 * Generates the export and its uploads folder (generate-wxr.ts) into tests/.tmp/bench-import/,
 * times `npm run import -- --media uploads --time-zone Asia/Shanghai export.xml` into a scratch
 * content folder, checks one report per published post was written, then times the same import
 * again (every item already imported). Prints a table; the figures also go to
 * tests/bench/results/import-<time>.json. Exits non-zero when the target is missed or a count is wrong.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateWxr } from './generate-wxr.ts';
import { ROOT, TMP } from '../support/paths.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'no-media': { type: 'boolean', default: false },
    target: { type: 'string', default: '120' },
  },
});
const posts = Number(values.posts);
const target = Number(values.target);
const dir = path.join(TMP, 'bench-import');
const contentDir = path.join(dir, 'news');
const exportFile = path.join(dir, 'export.xml');
const uploads = path.join(dir, 'wp-content', 'uploads');

const log = (message: string) => process.stderr.write(`[bench:import ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

interface Run {
  seconds: number;
  code: number;
  stdout: string;
  stderr: string;
}

function importOnce(): Promise<Run> {
  const args = [path.join(ROOT, 'src/importer/import-cli.ts'), '--time-zone', 'Asia/Shanghai', ...(values['no-media'] ? [] : ['--media', uploads]), exportFile];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ARCHIVE_CONTENT_DIR: contentDir, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: (performance.now() - started) / 1000, code: code ?? 1, stdout, stderr }));
  });
}

const reportCount = async () => (await readdir(contentDir, { recursive: true }).catch(() => [])).filter((f) => String(f).endsWith('.md')).length;
const summaryOf = (run: Run) => run.stdout.slice(run.stdout.lastIndexOf('Import summary'));

await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
log(`generating a ${posts}-post export${values['no-media'] ? '' : ' and its uploads'}`);
const manifest = await generateWxr({ posts, seed: Number(values.seed), ...(values['no-media'] ? {} : { uploads }) });
await writeFile(exportFile, manifest.xml);
log(`${(manifest.xml.length / 1e6).toFixed(1)} MB, ${manifest.published} published posts, ${manifest.drafts} drafts, ${manifest.images.length} images; importing`);

const first = await importOnce();
const written = await reportCount();
log(`first import: ${first.seconds.toFixed(1)} s, exit ${first.code}, ${written} reports`);
const second = await importOnce();
log(`second import: ${second.seconds.toFixed(1)} s, exit ${second.code}`);

const ok = first.code === 0 && written === manifest.published && second.code === 0 && first.seconds < target;
const rows = [
  ['posts in the export (published)', `${posts} (${manifest.published})`],
  ['first import', `${first.seconds.toFixed(1)} s (target < ${target} s), exit ${first.code}`],
  ['reports written', `${written} (expected ${manifest.published})`],
  ['second import (all already imported)', `${second.seconds.toFixed(1)} s, exit ${second.code}`],
  ['result', ok ? 'PASS' : 'FAIL'],
];
for (const [what, figure] of rows) console.log(`${what.padEnd(40)} ${figure}`);
console.log(`\n${summaryOf(first)}`);
if (first.code !== 0) console.log(`importer's errors (first lines):\n${first.stderr.split('\n').slice(0, 10).join('\n')}`);

const resultsDir = path.join(ROOT, 'tests/bench/results');
await mkdir(resultsDir, { recursive: true });
await writeFile(
  path.join(resultsDir, `import-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify({ posts, published: manifest.published, images: manifest.images.length, first: { seconds: first.seconds, code: first.code }, written, second: { seconds: second.seconds, code: second.code }, target, ok }, null, 2),
);
process.exitCode = ok ? 0 : 1;
