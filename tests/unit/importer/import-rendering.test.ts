/**
 * Imported plain text renders back to exactly itself, whatever it holds: generated releases go
 * through the importer (parseReport, the entry file it writes), Astro's front matter parser and the
 * site's real Markdown processor; every rendered paragraph must read as its source paragraph, and
 * every link must point exactly at a URL or e-mail address written in the source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { parseReport, rightsNotice } from '../../../src/importer/parse-report.ts';
import { reportFileText } from '../../../src/importer/write-report.ts';
import { createReportRenderer, renderReport } from '../../../src/reports/render/render-report.ts';

const ASCII_PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
const whitespace = (text: string) => text.replace(/\s+/g, ' ').trim();

const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
const punctuation = fc.array(fc.constantFrom(...ASCII_PUNCTUATION), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
const host = fc
  .tuple(fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/), { minLength: 1, maxLength: 2 }), fc.constantFrom('org', 'example', 'co', 'de'))
  .map(([labels, tld]) => [...labels, tld].join('.'));
// Path, query and fragment characters that an href carries unchanged.
const pathPart = fc.stringMatching(/^([A-Za-z0-9_.~!$&'()*+,;=:@-]|%20|%C3%A9){0,10}$/);
const urlTail = fc
  .tuple(
    fc.option(fc.constantFrom(':8080', ':443')),
    fc.array(pathPart, { maxLength: 3 }),
    fc.option(fc.constantFrom('?q=1', '?a=b&c=d', '?x=(y)', '?s=a_b*c~d')),
    fc.option(fc.constantFrom('#top', '#a.b', '#(1)')),
  )
  .map(([port, segments, query, fragment]) => `${port ?? ''}${segments.map((s) => `/${s}`).join('')}${query ?? ''}${fragment ?? ''}`);
const url = fc
  .tuple(fc.constantFrom('http://', 'https://', 'HTTPS://', 'www.'), host, urlTail)
  .map(([scheme, name, tail]) => `${scheme}${name}${tail}`);
// What may follow a URL: sentence punctuation, brackets, quotes, Markdown characters.
const afterUrl = fc.constantFrom('', '.', ',', ')', ').', '">', '"', "'", '\\', '_', '*', '~', '**', '>', ']', '];', '&amp;', ':', '!?', '|', '`');
const email = fc
  .tuple(fc.option(fc.constantFrom('mailto:', 'MailTo:', 'xmpp:')), fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,6}$/), host, fc.constantFrom('', '_x', '-y'))
  .map(([mailto, local, domain, odd]) => `${mailto ?? ''}${local}@${odd ? `a${odd}.` : ''}${domain}`);
const entity = fc.constantFrom('&amp;', '&copy;', '&#169;', '&#x41;', '&nbsp;', '&', '&lt;b&gt;', '&bogus;');
const html = fc.constantFrom(
  '<script>alert(1)</script>', '<b>bold</b>', '<i>', '</p>', '<!-- note -->', '<div>', '<br/>', '<textarea>', '<xmp>',
  '<?php x ?>', '<![CDATA[x]]>', '<a href="https://evil.example/">here</a>', '<img src=x onerror=alert(1)>', '<sup>2</sup>',
);
const inline = fc.constantFrom(
  '*a*', '_b_', '**c**', '__d__', '~~e~~', '~f~', '`g`', '``h``', '[i](j)', '![k](l)', '[^1]', '[m]', '[n][o]', '\\', '\\*',
  '\\\\', 'a\\_b', '5*3', 'snake_case_name', '$x$', '{{y}}', '<>', '< 3', 'a|b', '::', '-->',
);
// Line starts that would make a block: headings, lists, quotes, tables, setext underlines,
// thematic breaks, code, footnote and link-reference definitions, HTML blocks.
const lineStart = fc.constantFrom(
  '# ', '## ', '###### ', '#', '- ', '+ ', '* ', '1. ', '1) ', '99. ', '> ', '>', '| a | b |', '|', ':--', '--:', ':-:', '|---|---|',
  '===', '---', '- - -', '***', '___', '```', '~~~', '```js', '    ', '\t', '[a]: http://x', '[a]: <http://x> "t"', '[^1]: note',
  '- [ ] ', '- [x] ', '<div>', '<!--', '\\', '',
);
const token = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 3, arbitrary: punctuation },
  { weight: 3, arbitrary: fc.tuple(url, afterUrl).map(([u, after]) => `${u}${after}`) },
  { weight: 1, arbitrary: url.map((u) => `<${u}>`) },
  { weight: 1, arbitrary: email },
  { weight: 1, arbitrary: entity },
  { weight: 1, arbitrary: html },
  { weight: 2, arbitrary: inline },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }).filter((s) => s.trim() !== '') },
);
const line = fc
  .tuple(lineStart, fc.array(fc.tuple(token, fc.constantFrom(' ', ' ', '', '  ')), { minLength: 1, maxLength: 6 }))
  .map(([start, tokens]) => start + tokens.map(([t, sep]) => t + sep).join(''))
  .filter((text) => text.trim() !== '');
const paragraph = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
// A last paragraph that reads as a rights notice ("© 2020 ...") is front matter, not body (tested in
// importer.test.ts); any other, "Copyright ..." lines included, must render as written.
const release = fc.array(paragraph, { minLength: 1, maxLength: 4 }).filter((paragraphs) => rightsNotice(paragraphs.at(-1)!) === undefined);

const renderer = await createReportRenderer({ syntaxHighlight: false, gfm: true });

/** A release through the importer and the site's renderer: the rendered body's top-level elements. */
async function importAndRender(paragraphs: string[]): Promise<Element[]> {
  const result = parseReport(`Release\n\n${paragraphs.join('\n\n')}\n`, { date: '2020-01-01', sourceName: 'Publisher' });
  if (!result.ok) throw new Error(`not imported: ${result.error.message}`);
  // What Astro reads back from the file the importer writes.
  const { frontmatter, content } = parseFrontmatter(reportFileText(result.report), { frontmatter: 'remove' });
  const rendered = await renderReport(renderer, { filePath: '/archive/2020/release.md', body: content, frontmatter });
  if (!rendered.ok) throw new Error(rendered.error);
  const tree: Root = fromHtml(rendered.rendered.html, { fragment: true });
  return tree.children.filter((node: RootContent): node is Element => node.type === 'element');
}

function links(node: Element | Root): Element[] {
  return node.children.flatMap((child) =>
    child.type !== 'element' ? [] : child.tagName === 'a' ? [child, ...links(child)] : links(child),
  );
}

/**
 * The link targets a URL or address written as `text` may have: itself (scheme lowercased), with
 * `http://` for www, with `mailto:` (an address written with `mailto:` or `xmpp:` links to
 * exactly that); each as any href is written (non-ASCII percent-encoded, by
 * mdast-util-to-hast's normalizeUri).
 */
function targetsFor(text: string): string[] {
  const lowerScheme = text.replace(/^(https?|mailto|xmpp):/i, (scheme) => scheme.toLowerCase());
  return [lowerScheme, `http://${text}`, `mailto:${text}`].map(normalizeUri);
}

async function assertRendersAsWritten(paragraphs: string[]): Promise<void> {
  const blocks = await importAndRender(paragraphs);
  assert.deepEqual(
    blocks.map((block) => `${block.tagName}: ${whitespace(toText(block))}`),
    paragraphs.map((source) => `p: ${whitespace(source)}`),
  );
  blocks.forEach((block, i) => {
    for (const link of links(block)) {
      const text = toText(link);
      const href = link.properties.href;
      assert.equal(typeof href, 'string', `a link without a target: ${text}`);
      assert.ok(paragraphs[i]!.includes(text), `link text ${JSON.stringify(text)} is not in the source`);
      assert.ok(targetsFor(text).includes(href as string), `${JSON.stringify(text)} links to ${JSON.stringify(href)}`);
    }
  });
}

test('cases found by hand: URLs before Markdown characters, <url>, a table delimiter under text', async () => {
  await assertRendersAsWritten([
    'See https://x.example/a">, https://x.example/b\\ https://x.example/c_ https://x.example/d* and https://x.example/e~.',
    'Visit <https://auto.example> or (https://en.wikipedia.org/wiki/Foo_(bar)), write to a_b@c-d.example.',
    'Name\n:--',
    '&amp; &copy; &#169; <script>alert(1)</script> <b>b</b>',
    `Every ASCII punctuation character: ${ASCII_PUNCTUATION.join('')} and each alone: ${ASCII_PUNCTUATION.join(' ')}`,
    ASCII_PUNCTUATION.map((p) => `${p}${p}${p} line`).join('\n'),
  ]);
  const [first] = await importAndRender(['Go to https://x.example/a_b_.']);
  assert.deepEqual(links(first!).map((a) => a.properties.href), ['https://x.example/a_b'], 'trailing punctuation is not part of the URL');
  const [addresses] = await importAndRender(['Write to mailto:press@x.example, xmpp:desk@x.example or news@x.example.']);
  assert.deepEqual(
    links(addresses!).map((a) => [toText(a), a.properties.href]),
    [
      ['mailto:press@x.example', 'mailto:press@x.example'],
      ['xmpp:desk@x.example', 'xmpp:desk@x.example'],
      ['news@x.example', 'mailto:news@x.example'],
    ],
    'an address written with its scheme links to exactly that, as on GitHub',
  );
});

test('a last paragraph that opens with the word Copyright, and is no notice, renders as written', async () => {
  await assertRendersAsWritten([
    'On March 3, 2021, the ministry published its plans for the coming year.',
    'Copyright law reform is next on the agenda, the minister said, and a draft\nwill follow in the autumn.',
  ]);
});

test('every generated plain-text release renders back to exactly its text, links to exactly its URLs', async () => {
  await fc.assert(fc.asyncProperty(release, assertRendersAsWritten), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
});
