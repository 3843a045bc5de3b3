/**
 * Adversarial plain-text releases, imported with the real CLI and built with the real build
 * (including its link check): the build passes, and every report page shows each source paragraph
 * exactly as written, with links only to URLs and addresses the source contains.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { build } from '../support/build.ts';
import { ROOT, TMP } from '../support/paths.ts';

/** title line -> body paragraphs. Each release's first paragraph carries its dateline. */
const RELEASES: Record<string, string[]> = {
  'urls.txt': [
    'On July 31, 2020, see https://x.example/a">, <https://auto.example>, https://x.example/b\\ and https://x.example/c_ or https://x.example/d* and https://x.example/e~.',
    'Write to press_office@x-y.example or visit www.example.org/news?id=1&amp;x=2 (https://en.wikipedia.org/wiki/Foo_(bar)), HTTPS://UPPER.EXAMPLE/Path.',
  ],
  'blocks.txt': [
    'On August 1, 2020, the table-like lines below stay text.',
    'Name\n:--',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '# not a heading\n- not a list\n+ nor this\n* nor this\n1. not ordered\n1) nor this\n> not a quote',
    'Setext?\n===\nOr this\n---\n***\n```\n~~~\n    indented\n[a]: http://x.example\n[^1]: not a footnote',
  ],
  'html.txt': [
    'On August 2, 2020, &amp; &copy; &#169; <script>alert(1)</script> <b>bold</b> <textarea> and <xmp> stay text.',
    "Every ASCII punctuation character: !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ and *emphasis* _here_ `code` ~~strike~~ [link](x) ![img](y) [^1] \\",
  ],
};
const TITLES: Record<string, string> = {
  'urls.txt': '2020-07-31 --- yes',
  'blocks.txt': 'Blocks 2020',
  'html.txt': '<b>HTML</b> & entities 2020',
};

const whitespace = (text: string) => text.replace(/\s+/g, ' ').trim();

function find(node: Root | Element, match: (element: Element) => boolean): Element[] {
  return node.children.flatMap((child) => (child.type !== 'element' ? [] : match(child) ? [child, ...find(child, match)] : find(child, match)));
}

test('adversarial plain-text releases import, build, and show exactly their text', async () => {
  const dir = path.join(TMP, 'import-build');
  const contentDir = path.join(dir, 'news');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files = Object.keys(RELEASES).map((name) => path.join(dir, name));
  for (const [name, paragraphs] of Object.entries(RELEASES)) {
    await writeFile(path.join(dir, name), `${TITLES[name]}\n\n${paragraphs.join('\n\n')}\n\nCopyright 2020 Example Press. All Rights Reserved.\n`);
  }

  const imported = spawnSync(process.execPath, [path.join(ROOT, 'src/importer/import-cli.ts'), ...files], {
    cwd: dir,
    env: { ...process.env, ARCHIVE_CONTENT_DIR: contentDir },
    encoding: 'utf8',
  });
  assert.equal(imported.status, 0, imported.stderr);
  // One line per report written, by its path in the content folder: `imported: 2020/x.md (from urls.txt)`.
  // Reports are written a few at a time, so the lines come in the order the writes finish.
  const written = new Map([...imported.stdout.matchAll(/^imported: (\S+\.md) \(from (.+)\)$/gm)].map((m) => [path.basename(m[2]!), m[1]!]));
  assert.equal(written.size, files.length, imported.stdout);

  const outDir = path.join(TMP, 'builds', 'import-build');
  const result = await build({ contentDir, outDir });
  assert.equal(result.code, 0, `the build fails:\n${result.output.slice(-3000)}`);

  for (const name of Object.keys(RELEASES)) {
    const id = written.get(name)!.replace(/\.md$/, '');
    const page = fromHtml(await readFile(path.join(outDir, 'news', id, 'index.html'), 'utf8'));
    const [prose] = find(page, (el) => Array.isArray(el.properties.className) && el.properties.className.includes('prose'));
    assert.ok(prose, `${id}: no report body`);
    const blocks = prose.children.filter((child): child is Element => child.type === 'element');
    assert.deepEqual(
      blocks.map((block) => `${block.tagName}: ${whitespace(toText(block))}`),
      RELEASES[name]!.map((paragraph) => `p: ${whitespace(paragraph)}`),
      id,
    );
    for (const link of find(prose, (el) => el.tagName === 'a')) {
      const text = toText(link);
      const href = String(link.properties.href);
      assert.ok(RELEASES[name]!.some((paragraph) => paragraph.includes(text)), `${id}: link text ${text}`);
      assert.ok(
        [text.replace(/^https?:/i, (s) => s.toLowerCase()), `http://${text}`, `mailto:${text}`].includes(href),
        `${id}: ${text} links to ${href}`,
      );
    }
    const h1 = find(page, (el) => el.tagName === 'h1')[0];
    assert.equal(whitespace(toText(h1!)), TITLES[name]!.split(' --- ')[0]);
  }
});
