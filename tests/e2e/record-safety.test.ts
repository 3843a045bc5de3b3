/**
 * What the archive publishes is safe and well-formed, and what it refuses is refused up front:
 * every XML file the site writes is well-formed XML (strictly: one control character in one
 * report used to break every feed), a report's text that *says* src="…" is not a link, names that
 * differ only by invisible characters are one topic; script URLs, control characters and dates
 * hidden behind YAML merge keys fail the build, naming the file, the field and the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { TMP } from '../support/paths.ts';
import { assertWellFormedXml } from '../support/xml.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

async function failingBuild(name: string, files: Record<string, string>): Promise<string> {
  const contentDir = await writeArchive(name, files);
  const result = await build({ contentDir, outDir: path.join(TMP, 'builds', `error-${name}`) });
  assert.notEqual(result.code, 0, `the build of ${name} should fail:\n${result.output.slice(-2000)}`);
  return result.output;
}

const SAYS_LINKS = [
  'The release quoted its own markup: src="/nowhere.png" and href="/missing/", as plain text.',
  '',
  'As code: `<img src="/nowhere.png">` and:',
  '',
  '```html',
  '<a href="/missing/">old page</a>',
  '```',
].join('\n');

test('a report whose text says src="…" builds; every XML file is well-formed; Energy and Energy+U+200B are one topic', async () => {
  const contentDir = await writeArchive('record-safety', {
    '2020/says-links.md': report(
      'title: "Tom & Jerry <b> ]]> \\"quoted\\" — 航天 🚀"\ndate: 2020-03-01\nsource: { name: "R&D <Lab>", url: "https://publisher.example/a?b=1&c=2" }\nsummary: "A\u00a0summary & more <i>"\ntopics: [Energy]',
      SAYS_LINKS,
    ),
    '2020/invisible.md': report('title: Invisible\ndate: 2020-03-02\nsource: { name: Example }\ntopics: ["Energy\\u200B", "\\u202AEnergy\\u202C"]\npeople: ["Yuan\\u00A0Jie"]'),
  });
  const outDir = path.join(TMP, 'builds', 'record-safety');
  const result = await build({ contentDir, outDir, siteUrl: 'https://example.org' });
  assert.equal(result.code, 0, result.output.slice(-3000));

  const files = filesUnder(outDir);
  const xmlFiles = files.filter((f) => f.endsWith('.xml'));
  for (const expected of ['feed.xml', 'atom.xml', 'sitemap-index.xml', 'sitemap-0.xml', 'opensearch.xml']) {
    assert.ok(xmlFiles.includes(expected), `${expected} was written`);
  }
  for (const file of xmlFiles) assertWellFormedXml(file, readFileSync(path.join(outDir, file), 'utf8'));
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    assert.doesNotThrow(() => JSON.parse(readFileSync(path.join(outDir, file), 'utf8')), file);
  }
  const feed = JSON.parse(readFileSync(path.join(outDir, 'feed.json'), 'utf8'));
  assert.ok(feed.items.some((i: { title: string }) => i.title.startsWith('Tom & Jerry <b> ]]>')));

  // The text is shown, not linked.
  const page = readFileSync(path.join(outDir, 'news/2020/says-links/index.html'), 'utf8');
  assert.match(page, /src="\/nowhere\.png" and href="\/missing\/"/);

  const topicFolders = readdirSync(path.join(outDir, 'topics')).filter((f) => f.startsWith('energy'));
  assert.deepEqual(topicFolders, ['energy']);
  const topicPage = readFileSync(path.join(outDir, 'topics/energy/index.html'), 'utf8');
  assert.ok(topicPage.includes('/news/2020/says-links/') && topicPage.includes('/news/2020/invisible/'), 'both reports on the one topic page');
  assert.ok(existsSync(path.join(outDir, 'people/yuan-jie/index.html')));
});

test('a real broken link still fails the build, and text that only says src="…" is not reported', async () => {
  const output = await failingBuild('says-links-and-breaks-one', {
    '2020/says-links.md': report('title: Says links\ndate: 2020-03-01\nsource: { name: Example }', `${SAYS_LINKS}\n\nAnd a real [link](/gone/).`),
  });
  assert.match(output, /1 broken internal link\(s\)/);
  assert.match(output, /news\/2020\/says-links\/index\.html: \/gone\/ \(no file gone\/index\.html\)/);
  assert.doesNotMatch(output, /nowhere\.png|\/missing\//);
});

test('control characters in a body and an impossible date behind a YAML merge key fail the build, by file and line', async () => {
  const output = await failingBuild('control-and-merge', {
    '2020/good.md': report('title: Good\ndate: 2020-01-02\nsource: { name: Example }'),
    '2020/escape.md': report('title: Escape\ndate: 2020-01-03\nsource: { name: Example }', 'Colour \x1b[31mred\x1b[0m and a form feed \x0c.'),
    '2018/merged.md': report('title: Merged\n<<: { date: 2018-02-30 }\nsource: { name: Example }'),
  });
  assert.match(output, /2020\/escape\.md: \(body\): line 7 contains U\+001B \(column 8\), a control character or non-character that feeds cannot carry: delete it/);
  assert.match(output, /2018\/merged\.md: date: "2018-02-30" is not a real calendar day/);
});

test('a javascript: source URL and an escaped control character in a title fail the build, naming file and field', async () => {
  const url = await failingBuild('script-url', {
    '2020/script-url.md': report('title: Script\ndate: 2020-01-02\nsource: { name: Example, url: "javascript:alert(document.domain)" }'),
  });
  assert.match(url, /script-url/);
  assert.match(url, /"source\.url" must be a web address starting with http:\/\/ or https:\/\//);
  const title = await failingBuild('escaped-control', {
    '2020/escaped.md': report('title: "Alert \\e[31m"\ndate: 2020-01-02\nsource: { name: Example }'),
  });
  assert.match(title, /escaped/);
  assert.match(title, /"title" contains U\+001B/);
});
