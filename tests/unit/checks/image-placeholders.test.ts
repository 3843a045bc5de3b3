/**
 * The check that fails a build publishing an image Astro left unresolved: the placeholder Astro's
 * own Markdown pipeline writes is found in a page, in each feed as the feed library writes it, and
 * in a JSON record; a report that merely mentions the placeholder in its text is not flagged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { buildFeeds } from '../../../src/formats/feeds.ts';
import { hasImagePlaceholder, imagePlaceholderProblem, mayHoldReportHtml } from '../../../src/checks/image-placeholders.ts';

/** The problems the completeness check reports for these files (completeness-integration.ts). */
const findImagePlaceholders = (files: { file: string; text: string }[]) => files.filter(({ text }) => hasImagePlaceholder(text)).map(({ file }) => imagePlaceholderProblem(file));

async function rendered(markdown: string): Promise<string> {
  const processor = await createMarkdownProcessor({});
  return (await processor.render(markdown, { fileURL: new URL('file:///archive/2020/flood.md') })).code;
}

function feedsOf(html: string) {
  const site = { title: 'A', description: 'B', language: 'en', home: 'https://x.example/', links: { rss: 'https://x.example/feed.xml', atom: 'https://x.example/atom.xml', json: 'https://x.example/feed.json' }, favicon: 'https://x.example/favicon.svg', publisher: 'P' };
  return buildFeeds(site, [{ id: '2020/flood', title: 'Flood', url: 'https://x.example/news/2020/flood/', date: new Date('2020-03-03'), html, author: 'P', categories: [] }]);
}

test('an unresolved image placeholder is found in a page, every feed and a JSON record, naming the file and the fix', async () => {
  const html = await rendered('Intro.\n\n![A flooded street](./flood/street.jpg "Water (Photo: Jane Doe)")');
  const feeds = feedsOf(html);
  const files = [
    { file: 'news/2020/flood/index.html', text: `<article>${html}</article>` },
    { file: 'feed.xml', text: feeds.rss },
    { file: 'atom.xml', text: feeds.atom },
    { file: 'feed.json', text: feeds.json },
    { file: 'news/2020/flood.json', text: JSON.stringify({ html }) },
  ];
  const problems = findImagePlaceholders(files);
  assert.equal(problems.length, files.length, problems.join('\n'));
  for (const [i, { file }] of files.entries()) {
    assert.ok(problems[i]!.startsWith(`${file}: `), problems[i]);
    assert.match(problems[i]!, /__ASTRO_IMAGE_/);
    assert.match(problems[i]!, /publishedReportHtml\(\) \(src\/archive\/archive-data\.ts\)/);
  }
});

test('resolved images and a report that writes about the placeholder pass', async () => {
  const about = await rendered('Astro writes `<img __ASTRO_IMAGE_="{&#x22;src&#x22;}">` and __ASTRO_IMAGE_="{ in its output.\n\n    __ASTRO_IMAGE_="{&#x22;');
  const resolved = '<figure><img alt="A flooded street" src="https://x.example/_astro/street.abc.webp" srcset="https://x.example/_astro/street.abc.webp 400w" width="1800" height="1200"><figcaption>Water</figcaption></figure>';
  for (const html of [about, resolved]) {
    const feeds = feedsOf(html);
    assert.deepEqual(findImagePlaceholders([{ file: 'a.html', text: html }, { file: 'feed.xml', text: feeds.rss }, { file: 'atom.xml', text: feeds.atom }, { file: 'feed.json', text: feeds.json }, { file: 'r.json', text: JSON.stringify({ html }) }]), [], html);
  }
  assert.equal(hasImagePlaceholder(about), false);
});

test('pages, feeds, sitemaps and JSON files are searched; other files are not', () => {
  for (const file of ['index.html', 'news/2020/x/index.html', 'feed.xml', 'corrections/atom.xml', 'feed.json', 'news/2020/x.json', 'news/2020/x.csl.json']) assert.ok(mayHoldReportHtml(file), file);
  for (const file of ['news/2020/x.md', 'news/2020/x/photo.jpg', '_astro/site.css', 'news/2020/x.bib']) assert.ok(!mayHoldReportHtml(file), file);
});
