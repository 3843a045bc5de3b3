/**
 * Astro's final rehype-raw (its HTML parse of the finished tree) is skipped where it cannot change
 * the HTML (src/reports/render/reparse/): a reader sees exactly what the parse would have given.
 * - On trees: for generated trees of every element the check knows and many it does not (blocks
 *   in paragraphs, links in links, table parts out of place, text in tables, code blocks starting
 *   with a line feed, void elements with children, attributes of every kind), wherever the check
 *   says the parse changes nothing, the HTML is that of the parsed tree. Without any one of the
 *   check's rules, some of these trees come out differently.
 * - On bodies: Markdown of every construct, and raw HTML the sanitiser keeps, unwraps or removes,
 *   render to the same HTML, sanitiser report and image problems as with the parse always run.
 * - The skip happens (on plain reports, footnotes and tables included), and the guard refuses a
 *   pipeline that does not end with rehype-raw and rehype-stringify as Astro 7's does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import rehypeRaw from 'rehype-raw';
import { toHtml } from 'hast-util-to-html';
import { unified as unifiedProcessor, type Processor } from 'unified';
import type { Element, ElementContent, Root } from 'hast';
import { unified } from '@astrojs/markdown-remark';
import { markdownOptions } from '../../../src/reports/render/markdown-processor.ts';
import { settleAsReparsed } from '../../../src/reports/render/reparse/reparse-fixpoint.ts';
import rehypeFinalRaw from '../../../src/reports/render/reparse/rehype-final-raw.ts';
import { createReportRenderer, renderReport, type RenderOutcome, type ReportRenderer } from '../../../src/reports/render/render-report.ts';

const parse = (rehypeRaw as unknown as () => (tree: Root) => Root)();
const html = (tree: Root) => toHtml(tree, { allowDangerousHtml: true });

// Trees: mostly children an HTML author would write in each parent, sometimes any element at all.
const FLOW = ['p', 'div', 'ul', 'ol', 'dl', 'h2', 'h3', 'table', 'pre', 'blockquote', 'figure', 'section', 'hr', 'details', 'menu'];
const PHRASE = ['span', 'a', 'em', 'strong', 'code', 'img', 'br', 'sup', 'b', 'i', 's', 'del', 'kbd', 'input', 'small', 'u', 'wbr', 'font'];
const CHILDREN: Record<string, string[]> = {
  root: [...FLOW, ...PHRASE], div: [...FLOW, ...PHRASE], section: [...FLOW, ...PHRASE], blockquote: [...FLOW, ...PHRASE], li: [...FLOW, ...PHRASE],
  dd: [...FLOW, ...PHRASE], td: [...FLOW, ...PHRASE], details: ['summary', ...FLOW, ...PHRASE], figure: ['figcaption', 'img', 'p', 'a', 'table'],
  figcaption: PHRASE, summary: PHRASE, p: PHRASE, h2: PHRASE, h3: PHRASE, dt: PHRASE, th: PHRASE, caption: PHRASE, pre: ['code', 'span', 'em', 'img', 'br'],
  ul: ['li'], ol: ['li'], menu: ['li'], dl: ['dt', 'dd'], table: ['caption', 'colgroup', 'thead', 'tbody', 'tfoot', 'tr'], colgroup: ['col'],
  thead: ['tr'], tbody: ['tr'], tfoot: ['tr'], tr: ['td', 'th'],
};
// Elements the check does not know (each parsed in a way of its own), for the "any element" picks.
const UNKNOWN = ['nobr', 'button', 'form', 'select', 'option', 'textarea', 'svg', 'template', 'listing', 'ruby', 'rt', 'image', 'DIV', 'custom-element'];
const ANY = [...new Set([...Object.values(CHILDREN).flat(), ...UNKNOWN])];
const VOID = new Set(['img', 'br', 'hr', 'input', 'wbr', 'col', 'image']);
const TEXTS = ['', 'x', 'two words', '\n', '\nx', '\n\nx', ' \nx', ' ', '\t', '\r', '\f', '<&>', '\u0000'];
const PROPERTIES: [string, unknown][] = [
  ['id', 'x'], ['href', '#a'], ['title', 5], ['className', ['a', 'b']], ['className', ['a b']], ['className', []], ['className', 'a'],
  ['dataFootnoteRef', true], ['dataFootnoteRef', ''], ['dataFoo', 'v'], ['dataFoo', false], ['data-foo', 'x'], ['ariaDescribedBy', ['n']],
  ['ariaHidden', true], ['tabIndex', 0], ['tabIndex', '0'], ['start', 3], ['checked', true], ['checked', ''], ['disabled', true],
  ['type', 'checkbox'], ['hidden', true], ['download', 'f'], ['accept', ['a', 'b']], ['xmlLang', 'en'], ['class', 'q'], ['constructor', 'x'],
  ['__ASTRO_IMAGE_', '{"src":"./a.png","index":0}'],
];

function content(parent: string, depth: number): fc.Arbitrary<ElementContent> {
  const text = fc.constantFrom(...TEXTS).map((value): ElementContent => ({ type: 'text', value }));
  if (depth === 0) return text;
  const tagName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...(CHILDREN[parent] ?? PHRASE)) }, { weight: 1, arbitrary: fc.constantFrom(...ANY) });
  const element = tagName.chain((name) =>
    fc
      .record({
        properties: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...PROPERTIES), { minLength: 1, maxLength: 2 }) }),
        // Now and then a void element with children, which no parser can build.
        children: VOID.has(name) ? fc.oneof({ weight: 9, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(text, { maxLength: 1 }) }) : fc.array(content(name, depth - 1), { maxLength: 3 }),
      })
      .map(({ properties, children }): ElementContent => ({ type: 'element', tagName: name, properties: Object.fromEntries(properties) as Element['properties'], children: [...children] })),
  );
  return fc.oneof({ weight: 1, arbitrary: text }, { weight: 3, arbitrary: element });
}
const trees = fc.array(content('root', 5), { minLength: 1, maxLength: 4 }).map((children): Root => ({ type: 'root', children }));

test('wherever the check says the HTML parse changes nothing, the tree has the HTML of the parsed tree; elsewhere it is left as it is', () => {
  let settled = 0;
  fc.assert(
    fc.property(trees, (tree) => {
      const written = structuredClone(tree);
      // The parse itself fails on some attributes (one named `constructor`): such a tree is never settled.
      let parsed: string | undefined;
      try {
        parsed = html(parse(structuredClone(tree)));
      } catch {}
      if (settleAsReparsed(tree)) {
        settled++;
        assert.equal(html(tree), parsed, JSON.stringify(written));
      } else {
        assert.deepEqual(tree, written);
      }
    }),
    { numRuns: 4000 },
  );
  // Both sides of the check are exercised.
  assert.ok(settled > 1000 && settled < 3900, `${settled} of 4000 settled`);
});

test('the check knows what the parse changes: a link in a link, a block in a paragraph, a row outside a table body, text in a table, a code block starting with a line feed', () => {
  const trees: Root[] = [
    { type: 'root', children: [{ type: 'element', tagName: 'a', properties: { href: '#x' }, children: [{ type: 'element', tagName: 'sup', properties: {}, children: [{ type: 'element', tagName: 'a', properties: { href: '#y' }, children: [{ type: 'text', value: '1' }] }] }] }] },
    { type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'div', properties: {}, children: [{ type: 'text', value: 'x' }] }] }] },
    { type: 'root', children: [{ type: 'element', tagName: 'table', properties: {}, children: [{ type: 'element', tagName: 'tr', properties: {}, children: [{ type: 'element', tagName: 'td', properties: {}, children: [] }] }] }] },
    { type: 'root', children: [{ type: 'element', tagName: 'table', properties: {}, children: [{ type: 'text', value: 'left over' }] }] },
    { type: 'root', children: [{ type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: '\n\nindented' }] }] }] },
  ];
  for (const tree of trees) {
    assert.notEqual(html(parse(structuredClone(tree))), html(tree), 'the parse changes it');
    assert.equal(settleAsReparsed(tree), false, JSON.stringify(tree));
  }
});

// Bodies: Markdown of every construct, and raw HTML of every kind the sanitiser meets.
const MARKDOWN = [
  'word', 'Two words.', '# Heading', '## Sub *em*', '- item', '* item', '1. one', '3. three', '- [ ] task', '- [x] done', '> quote',
  '| a | b |\n| - | :-: |\n| 1 | 2 |', 'a | b\n--- | ---\nc | d', '[^1]', '[^1]: note text', '[^n]: *x*', '```\ncode\n```', '```js\nlet a = 1;\n```',
  '```\n\nafter a blank line\n```', '`inline`', '    indented', '*em*', '**strong**', '~~del~~', '_u_', '[link](https://example.org)', '[rel](./a.md#x)',
  '[in](#sec)', '![alt](./a.png)', '![alt](./b.png "T")', '<https://example.org>', 'www.example.org', 'https://ex.org/p?q=1', 'me@example.org',
  '[see www.example.org](#x)', '[a [^1] b](#x)', '[![img](./c.png)](https://x.org)', '&amp;', '&#64;', '&commat;', '&copy;', '&lt;b&gt;', '&nbsp;',
  '\\*', '---', '***', 'line  \nbreak', '[ref]', '[ref]: https://e.org', '\r\n', 'Text\twith tab', '<', '>', '&', '"',
];
const RAW_HTML = [
  '<b>', '</b>', '<i>x</i>', '<div>', '</div>', '<p>', '</p>', '<p><div>x</div></p>', '<a href="#a">', '</a>', '<a href="https://e.org"><b><a href="#z">n</a></b></a>',
  '<span><a href="#a">x<a href="#b">y</a></a></span>', '<form><a href="#q">f<form><a href="#r">g</a></form></a></form>', '<table><tr><td>x</td></tr></table>',
  '<table>t<tr><td>x</td></tr></table>', '<tr><td>c</td></tr>', '<td>z</td>', '<table><form><tr><td>q</td></tr></form></table>', '<u><p>x</p></u>',
  '<mark><div>x</div></mark>', '<font><a href="#x">y</a></font>', '<object><a href="#o">o</a></object>', '<svg><a href="#s">s</a><p>p</p></svg>',
  '<math><mi>x</mi><p>y</p></math>', '<select><option>a</option><p>b</p></select>', '<button><p>b</p></button>', '<label><a href="#l">l</a></label>',
  '<details><summary>s</summary>d</details>', '<dl><dt>t</dt><dd>d</dd></dl>', '<li>x</li>', '<ul><li>a<li>b</ul>', '<h2>h<h3>i</h3></h2>', '<pre>\nx</pre>',
  '<pre>\n\ny</pre>', '<pre><code>\nz</code></pre>', '<textarea>t</textarea>', '<script>s</script>', '<style>s</style>', '<template><p>t</p></template>',
  '<img src="./x.png" alt="x">', '<br>', '<hr>', '<!-- c -->', '<input type="checkbox" checked>', '<sup>1</sup>', '<kbd>k</kbd>', '<nobr>n</nobr>',
  '<center>c</center>', '<noscript><p>n</p></noscript>', '<ruby>r<rt>t</rt></ruby>', '<caption>c</caption>', '<colgroup><col></colgroup>', '<thead>', '<tbody>',
  '<figure><img src="./f.png" alt="f"><figcaption>c</figcaption></figure>', '<div id="x">', '<a name="n">', '<h1 id="main">M</h1>', '<p align="center">x</p>',
  '<div class="x">', '<a href="javascript:x">j</a>', '<iframe src="x"></iframe>', '<xmp>', '<table><td>', '<option>', '<dd>', '<ol start="3"><li>x</li></ol>',
  '<blockquote><p>q</p></blockquote>', '<q>q</q>', '<del>d</del>', '<ins>i</ins>', '<s>s</s>', '<table><caption>c</caption><tbody><tr><th>h</th></tr></tbody></table>',
];
const SEPARATORS = ['', ' ', '\n', '\n\n', '\n\n', '\t', '\n- ', '\n> ', '\n| '];
const bodyOf = (fragments: readonly string[]) => fc.array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 25 }).map((parts) => parts.map(([text, sep]) => text + sep).join(''));

const SETTINGS = { syntaxHighlight: false } as const;
let parsedAgain = 0;

/** The pipeline with the final parse run on the trees it is given (`always`: as Astro runs it; otherwise guarded and counted). */
async function rendererWith(always: boolean): Promise<ReportRenderer> {
  const renderer = await createReportRenderer(SETTINGS);
  const options = markdownOptions({
    onSanitized: (file, report) => renderer.reports.set(file.path, report),
    // Image problems only: a footnote the page would not show stops a body from rendering, and
    // these bodies are compared on their HTML, footnotes included.
    onProblems: (file, problems) => {
      const images = problems.filter((problem) => 'image' in problem);
      if (images.length > 0) renderer.problems.set(file.path, [...(renderer.problems.get(file.path) ?? []), ...images]);
    },
  });
  assert.ok(options.rehypePlugins!.includes(rehypeFinalRaw), 'the pipeline guards the final parse');
  options.rehypePlugins = options.rehypePlugins!.flatMap((plugin) =>
    plugin !== rehypeFinalRaw ? [plugin] : always ? [] : [[rehypeFinalRaw, { onParse: () => parsedAgain++ }] as const],
  );
  return { ...renderer, renderer: await unified(options).createRenderer(SETTINGS) };
}
const guarded = rendererWith(false);
const alwaysParsed = rendererWith(true);

async function both(body: string): Promise<[RenderOutcome, RenderOutcome]> {
  const job = { filePath: '/archive/content/2020/report.md', body, frontmatter: {}, lineOffset: 5 };
  return [await renderReport(await guarded, job), await renderReport(await alwaysParsed, job)];
}

for (const [kind, fragments] of [['Markdown', MARKDOWN], ['Markdown with raw HTML', [...MARKDOWN, ...RAW_HTML]]] as const) {
  test(`bodies of ${kind} render exactly as with the final parse always run: HTML, sanitiser report, image problems`, async () => {
    await fc.assert(
      fc.asyncProperty(bodyOf(fragments), async (body) => {
        const [withGuard, withParse] = await both(body);
        assert.deepEqual(withGuard, withParse, JSON.stringify(body));
      }),
      { numRuns: 400 },
    );
  });
}

test('a plain report (headings, lists, a table, footnotes, links, an image) is not parsed again; a link around a footnote call is, as before', async () => {
  const plain = [
    '# Annual review', 'Intro with *emphasis*, `code` and a [link](https://example.org).[^1]', '## Results', '- [x] done\n- [ ] open',
    '| Indicator | Target |\n| --- | ---: |\n| growth | 7 |', '![Chart of growth](./chart.png)', '```\nlet x = 1;\n```', '[^1]: Source: annual report.',
  ].join('\n\n');
  const before = parsedAgain;
  const [withGuard, withParse] = await both(plain);
  assert.deepEqual(withGuard, withParse);
  assert.equal(parsedAgain, before, 'the plain report was parsed again');
  assert.ok(withGuard.ok && withGuard.rendered.html.includes('data-footnote-ref=""'), 'written as the parse writes it');

  const [nested, nestedParsed] = await both('See [the report [^1]](#x).\n\n[^1]: Note.');
  assert.deepEqual(nested, nestedParsed);
  assert.equal(parsedAgain, before + 1);
});

// A stand-in for rehype-stringify (a dependency of Astro's, not of this project), by its name.
function rehypeStringify(this: Processor) {
  this.compiler = (tree) => toHtml(tree as Root, { allowDangerousHtml: true });
}
const named = (name: string) => ({ [name]: () => undefined })[name]!;

test('the guard takes the place of a final rehype-raw followed by rehype-stringify, and refuses any other ending, saying what it found', () => {
  const processor = unifiedProcessor().use(rehypeFinalRaw).use(named('rehypeHeadingIds')).use(rehypeRaw).use(rehypeStringify);
  processor.freeze();
  assert.equal(processor.attachers.some(([plugin]) => (plugin as unknown) === rehypeRaw), false, 'rehype-raw replaced');

  const endings = {
    'no rehype-raw': () => unifiedProcessor().use(rehypeFinalRaw).use(rehypeStringify),
    'rehype-raw before the guard': () => unifiedProcessor().use(rehypeRaw).use(rehypeFinalRaw).use(rehypeStringify),
    'rehype-raw with options': () => unifiedProcessor().use(rehypeFinalRaw).use(rehypeRaw, { passThrough: ['mdxjsEsm'] }).use(rehypeStringify),
    'a step between rehype-raw and rehype-stringify': () => unifiedProcessor().use(rehypeFinalRaw).use(rehypeRaw).use(named('rehypeLater')).use(rehypeStringify),
    'another compiler': () => unifiedProcessor().use(rehypeFinalRaw).use(rehypeRaw).use(named('rehypeFormat')),
  };
  for (const [ending, build] of Object.entries(endings)) {
    assert.throws(() => build().freeze(), /expects the Markdown pipeline to end with rehype-raw \(without options\) and then rehype-stringify.*found: /s, ending);
  }
});
