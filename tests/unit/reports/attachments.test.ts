/**
 * Attachments as a publisher writes them: the schema refuses a name that cannot be a URL segment
 * and a type that would run on the site's origin, naming the fix; the loader finds every file on
 * every build, refuses one that is missing or outside the content folder (naming the report and
 * the file), and renders the report again when an attached file changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeIssues, reportSchema } from '../../../src/reports/schema.ts';
import { renderingLoader, strictLoader } from '../../../src/reports/reports-loader.ts';
import { reportAttachments } from '../../../src/reports/attachments/report-attachments.ts';
import { TMP } from '../../support/paths.ts';
import { fakeLoaderContext } from '../../support/loader-context.ts';

const valid = { title: 'A report', date: '2020-07-31', source: { name: 'CASIC' } };

function problems(attachments: unknown): string[] {
  const result = reportSchema.safeParse({ ...valid, attachments });
  return result.success ? [] : describeIssues(result.error);
}

test('attachments are a list of file and title, empty by default', () => {
  assert.deepEqual(reportSchema.parse(valid).attachments, []);
  const data = reportSchema.parse({ ...valid, attachments: [{ file: './casic/Release_2020-07.v2.PDF', title: ' The release ' }] });
  assert.deepEqual(data.attachments, [{ file: './casic/Release_2020-07.v2.PDF', title: 'The release' }]);
});

test('a file name that is not a safe URL path segment is refused, with a name that would do', () => {
  for (const [file, suggestion] of [
    ['./casic/Press Release (final).pdf', 'press-release-final.pdf'],
    ['./casic/%2e%2e.pdf', '2e-2e.pdf'],
    ['./casic/café.pdf', 'cafe.pdf'],
    ['./casic/.hidden.pdf', 'hidden.pdf'],
    ['./casic/a..pdf', 'a.pdf'],
    ['./casic/why?.pdf', 'why.pdf'],
  ]) {
    const [message, ...rest] = problems([{ file, title: 'T' }]);
    assert.equal(rest.length, 0, file);
    assert.match(message!, /^attachments\.0\.file: the file name ".*" cannot be published as it is: .*web address.* Rename the file, for example to /, file);
    assert.ok(message!.endsWith(suggestion!), `${file}: ${message}`);
  }
});

test('files a browser would run on the site (HTML, SVG, scripts) are refused, saying why', () => {
  for (const file of ['./x/page.html', './x/page.HTM', './x/logo.svg', './x/app.js', './x/feed.xml', './x/setup.exe']) {
    const [message] = problems([{ file, title: 'T' }]);
    assert.match(message!, /^attachments\.0\.file: ".*" is a \.\w+ file, which a browser would run as part of this site .*attach a PDF of it instead/, file);
  }
  const [unknown] = problems([{ file: './x/data.xyz', title: 'T' }]);
  assert.match(unknown!, /\.xyz is not a type the archive publishes\. Known types: \.pdf, /);
  const [none] = problems([{ file: './x/README', title: 'T' }]);
  assert.match(none!, /cannot be published|has no extension/);
});

test('addresses, absolute paths, duplicates, blank titles and unknown keys are refused', () => {
  assert.match(problems([{ file: 'https://example.org/a.pdf', title: 'T' }])[0]!, /is an address, not a file/);
  assert.match(problems([{ file: '/etc/a.pdf', title: 'T' }])[0]!, /relative to the report/);
  assert.match(problems([{ file: '.\\x\\a.pdf', title: 'T' }])[0]!, /relative to the report written with "\/"/);
  assert.match(
    problems([{ file: './a/release.pdf', title: 'T' }, { file: './b/Release.PDF', title: 'U' }])[0]!,
    /^attachments: ".\/a\/release.pdf" and ".\/b\/Release.PDF" would both be published as Release.PDF .*rename one/,
  );
  assert.match(problems([{ file: './a/release.pdf', title: '  ' }])[0]!, /^attachments\.0\.title: "title" is blank/);
  assert.match(problems([{ file: './a/release.pdf', title: 'T', size: 3 }])[0]!, /unknown field\(s\) "size" in an attachment/);
  assert.match(problems('./a/release.pdf')[0]!, /^attachments: "attachments" must be a list/);
});

function report(title: string, attachments: string[] = []): string {
  const list = attachments.length ? `attachments:\n${attachments.map((f) => `  - { file: "${f}", title: "File ${f}" }`).join('\n')}\n` : '';
  return `---\ntitle: ${title}\ndate: 2020-01-02\nsource: { name: Example }\n${list}---\n\nBody of ${title}.\n`;
}

async function scratch(): Promise<{ root: string; content: string }> {
  await mkdir(TMP, { recursive: true });
  const root = await mkdtemp(path.join(TMP, 'attachments-'));
  const content = path.join(root, 'content/news');
  await mkdir(path.join(content, '2020/casic'), { recursive: true });
  return { root, content };
}

const fakeContext = (root: string, logged: string[] = []) =>
  fakeLoaderContext({ root, logged, parseData: async ({ data }) => reportSchema.parse(data) });

test('the loader records each attachment’s size, and renders the report again when the file changes', async () => {
  const { root, content } = await scratch();
  try {
    await writeFile(path.join(content, '2020/casic/release.pdf'), Buffer.alloc(1234, 1));
    const sources = new Map([['2020/casic.md', report('Casic', ['./casic/release.pdf'])], ['2020/plain.md', report('Plain')]]);
    const renders: string[][] = [];
    const { renderAll } = await import('../../../src/reports/render/render-pool.ts');
    const render: typeof renderAll = (jobs, options) => {
      renders.push(jobs.map((j) => path.basename(j.filePath)));
      return renderAll(jobs, options);
    };
    const { context, entries } = fakeContext(root);
    const loader = renderingLoader(content, () => sources, render);
    await loader.load(context);
    await loader.load(context);
    const stored = entries.get('2020/casic')!;
    const [published] = reportAttachments({ ...stored, filePath: path.join(root, stored.filePath!) } as never);
    assert.equal(published!.bytes, 1234);
    assert.equal(published!.path, 'news/2020/casic/release.pdf');
    assert.equal(published!.type.label, 'PDF');
    assert.equal(published!.source, path.join(content, '2020/casic/release.pdf'));
    // Replaced by a larger file: the report (its listed size, its JSON) is made again.
    await writeFile(path.join(content, '2020/casic/release.pdf'), Buffer.alloc(5678, 1));
    await loader.load(context);
    assert.deepEqual(renders, [['casic.md', 'plain.md'], [], ['casic.md']]);
    assert.deepEqual(entries.get('2020/casic')!.rendered!.metadata!.attachmentBytes, [5678]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a missing attachment fails the build naming the report and the file, also when the report is unchanged', async () => {
  const { root, content } = await scratch();
  try {
    const sources = new Map([['2020/casic.md', report('Casic', ['./casic/release.pdf'])]]);
    const logged: string[] = [];
    const { context } = fakeContext(root, logged);
    const loader = strictLoader(renderingLoader(content, () => sources), async () => {});
    await assert.rejects(
      loader.load(context),
      /2020\/casic\.md: attachments\.0\.file: the attachment "\.\/casic\/release\.pdf" does not exist \(looked for .*2020\/casic\/release\.pdf\)\. Put the file there, or correct the path/,
    );
    // Present, built, then deleted while the report stays as it was.
    await writeFile(path.join(content, '2020/casic/release.pdf'), 'x');
    await loader.load(context);
    await rm(path.join(content, '2020/casic/release.pdf'));
    await assert.rejects(loader.load(context), /2020\/casic\.md: attachments\.0\.file: the attachment "\.\/casic\/release\.pdf" does not exist/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('an attachment outside the content folder is refused, also through a symlink', async () => {
  const { root, content } = await scratch();
  try {
    await mkdir(path.join(root, 'private'), { recursive: true });
    await writeFile(path.join(root, 'private/secret.pdf'), 'secret');
    await symlink(path.join(root, 'private/secret.pdf'), path.join(content, '2020/casic/linked.pdf'));
    for (const file of ['../../../private/secret.pdf', './casic/linked.pdf']) {
      const sources = new Map([['2020/casic.md', report('Casic', [file])]]);
      const { context, entries } = fakeContext(root);
      const loader = strictLoader(renderingLoader(content, () => sources), async () => {});
      await assert.rejects(
        loader.load(context),
        new RegExp(`2020/casic\\.md: attachments\\.0\\.file: the attachment "${file.replace(/\./g, '\\.')}" is outside the content folder \\(it is .*private/secret\\.pdf\\)\\. Move it into`),
      );
      assert.equal(entries.size, 0, file);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
