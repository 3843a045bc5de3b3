/**
 * Raw HTML in a report body, through the real pipeline (the renderer the news loader uses):
 * GitHub's allowed HTML is kept with its text, GFM's tagfilter shows the dangerous tags as text
 * without swallowing what follows, nothing executable survives, and what was removed is reported.
 * Ids from the body carry GitHub's `user-content-` prefix, links following them.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';
import { createReportRenderer, renderReport, type RenderedReport } from '../../../src/reports/render/render-report.ts';
import { sanitizeWarning } from '../../../src/reports/render/sanitize/sanitize-message.ts';
import { sanitizeReported } from '../../../src/reports/render/sanitize/rehype-sanitize-reported.ts';
import { sanitizeSchema } from '../../../src/reports/render/markdown-processor.ts';

const renderer = createReportRenderer({ syntaxHighlight: false });

async function render(body: string): Promise<RenderedReport> {
  const outcome = await renderReport(await renderer, { filePath: '/archive/content/2020/report.md', body, frontmatter: {} });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  return outcome.rendered;
}

function elements(tree: Root | Element, tagName?: string): Element[] {
  const found: Element[] = [];
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    if (!tagName || child.tagName === tagName) found.push(child);
    found.push(...elements(child, tagName));
  }
  return found;
}

function tree(html: string): Root {
  return fromHtml(html, { fragment: true });
}

function textOf(html: string): string {
  return toText(tree(html)).replace(/\s+/g, ' ').trim();
}

const removed = (rendered: RenderedReport) => rendered.metadata.sanitized.removed.map((r) => r.what);

test('inline HTML that GitHub allows is kept, with its text, in paragraphs and in table cells', async () => {
  const inline = 'E = mc<sup>2</sup>, H<sub>2</sub>O, press <kbd>Ctrl</kbd>, line<br>break, <strong>bold</strong>';
  for (const body of [inline, `| Formula | Note |\n| - | - |\n| E = mc<sup>2</sup>, H<sub>2</sub>O | press <kbd>Ctrl</kbd>, line<br>break, <strong>bold</strong> |`]) {
    const rendered = await render(body);
    const html = tree(rendered.html);
    assert.deepEqual(elements(html, 'sup').map((e) => toText(e)), ['2'], body);
    assert.deepEqual(elements(html, 'sub').map((e) => toText(e)), ['2']);
    assert.deepEqual(elements(html, 'kbd').map((e) => toText(e)), ['Ctrl']);
    assert.equal(elements(html, 'br').length, 1);
    assert.deepEqual(elements(html, 'strong').map((e) => toText(e)), ['bold']);
    assert.match(textOf(rendered.html), /E = mc2, H2O,? .*press Ctrl, line ?break, bold/);
    assert.deepEqual(removed(rendered), []);
  }
});

test('HTML blocks (div, p, details with summary) are kept with all their text', async () => {
  const rendered = await render(
    [
      'Before.',
      '<div>\nInside a div.\n</div>',
      '<p>A raw paragraph.</p>',
      '<details>\n<summary>More</summary>\n\nThe *detail* text.\n\n</details>',
      'After.',
    ].join('\n\n'),
  );
  const html = tree(rendered.html);
  assert.equal(toText(elements(html, 'div')[0]!).trim(), 'Inside a div.');
  assert.ok(elements(html, 'p').some((p) => toText(p) === 'A raw paragraph.'));
  const [details] = elements(html, 'details');
  assert.equal(toText(elements(details!, 'summary')[0]!), 'More');
  assert.match(toText(details!), /The detail text\./);
  assert.equal(toText(elements(details!, 'em')[0]!), 'detail');
  assert.match(textOf(rendered.html), /^Before\. Inside a div\. A raw paragraph\. More The detail text\. After\.$/);
  assert.deepEqual(removed(rendered), []);
});

test('each tagfilter tag shows as literal text and swallows nothing after it', async () => {
  for (const tag of ['title', 'textarea', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'script', 'plaintext']) {
    for (const body of [
      `Before <${tag}> inside </${tag}> after *this*.\n\nThe next paragraph.`,
      `<${tag}>\ninside\n</${tag}>\n\nThe next paragraph.`,
      `<div>\n<${tag.toUpperCase()} x="1">inside\n</div>\n\nThe next paragraph.`,
    ]) {
      const rendered = await render(body);
      const html = tree(rendered.html);
      assert.deepEqual(elements(html, tag), [], `no <${tag}> element from ${JSON.stringify(body)}`);
      const text = textOf(rendered.html);
      assert.ok(text.toLowerCase().includes(`<${tag}`), `"<${tag}" shown in ${JSON.stringify(text)}`);
      assert.match(text, /inside/);
      assert.match(text, /The next paragraph\.$/);
      if (body.startsWith('Before')) assert.match(text, new RegExp(`</${tag}> after this\\.`));
    }
  }
});

test('scripts, event handlers, javascript: URLs, iframes and styles never reach the page, and each removal is reported', async () => {
  const rendered = await render(
    [
      'A <a href="javascript:alert(1)" onclick="alert(2)">link</a> and <img src="x.png" alt="x" onerror="alert(3)">.',
      '',
      '<object data="x.swf">Fallback text</object>',
      '',
      '<svg><script>alert(4)</script><style>p{}</style></svg>',
      '',
      '<script>alert(5)</script><iframe src="https://example.org"></iframe>',
    ].join('\n'),
  );
  const html = tree(rendered.html);
  for (const element of elements(html)) {
    assert.ok(!['script', 'style', 'iframe', 'object', 'svg'].includes(element.tagName), `<${element.tagName}> published`);
    for (const [key, value] of Object.entries(element.properties)) {
      assert.ok(!/^on/i.test(key), `${key} on <${element.tagName}>`);
      assert.doesNotMatch(String(value), /^\s*javascript:/i);
    }
  }
  assert.doesNotMatch(rendered.html, /<script|<iframe|<style|onclick|onerror|javascript:alert/i);
  assert.match(textOf(rendered.html), /Fallback text/);
  const reported = removed(rendered);
  for (const expected of ['href="javascript:alert(1)" on <a>', 'onclick="alert(2)" on <a>', 'onerror="alert(3)" on <img>', '<object>', '<svg>']) {
    assert.ok(reported.includes(expected), `${expected} in ${JSON.stringify(reported)}`);
  }
  const svg = rendered.metadata.sanitized.removed.find((r) => r.what === '<svg>')!;
  assert.deepEqual(svg.lines, [5]);
});

test('a CDATA section or a processing instruction, which HTML shows as nothing, is reported with its words; a comment is not quoted', async () => {
  const rendered = await render('Before <![CDATA[ Cdatablock important words ]]> after.\n\nInline <?pi piinline words ?> here.\n\n<!-- an editor\'s note -->');
  const reported = removed(rendered);
  assert.ok(reported.includes('a CDATA section, which HTML does not show ("Cdatablock important words")'), JSON.stringify(reported));
  assert.ok(reported.includes('a processing instruction, which HTML does not show ("pi piinline words")'), JSON.stringify(reported));
  assert.ok(reported.includes('an HTML comment'), JSON.stringify(reported));
  assert.doesNotMatch(textOf(rendered.html), /Cdatablock|piinline/, 'not shown, as in a browser');
});

test('words run together or lost by sanitising are reported; Markdown alone reports nothing', async () => {
  // The sanitiser alone replaces a removed block by its text, running the words of two blocks together.
  const blocks = fromHtml('<header>Alpha</header><footer>Beta</footer><p>Gamma.</p>', { fragment: true });
  assert.deepEqual(sanitizeReported(blocks, sanitizeSchema).report.lostWords, ['Alpha', 'Beta']);
  // The pipeline sets blocks apart first (rehype-word-separators.ts): nothing is lost.
  const apart = await render('<header>Alpha</header><footer>Beta</footer>\n\nGamma.');
  assert.deepEqual(apart.metadata.sanitized.lostWords, []);
  assert.match(apart.html, /Alpha\s+Beta/);
  const markdown = await render(
    [
      '# Title',
      'Text with *emphasis*, **strong**, ~~gone~~, `code`, a [link](https://example.org) and a note[^1].',
      '- [x] done\n- [ ] to do',
      '| a | b |\n| :- | -: |\n| 1 | 2 |',
      '```js\nlet a = 1;\n```',
      '![scan](./scan.png "A caption (Photo: Agency)")',
      '> quoted',
      '[^1]: The note.',
    ].join('\n\n'),
  );
  assert.deepEqual(markdown.metadata.sanitized, { removed: [], lostWords: [] });
});

test('blocks are set apart by white space; inline content, a checkbox and <pre> get none added', async () => {
  const apart = await render('<dl><dt>Launch</dt><dd>July</dd></dl>\n\n<details><summary>More</summary>Hidden</details>');
  assert.match(apart.html, /Launch<\/dt>\s+<dd>July/);
  assert.match(apart.html, /More<\/summary>\s+Hidden/);
  const inline = await render('Agree <input type="checkbox" disabled>and go, a<output>b</output>c, <b>x</b><i>y</i>.\n\n<pre>one<br>two</pre>');
  assert.match(inline.html, /disabled>and go/, 'no space after a checkbox, which the page keeps');
  assert.match(inline.html, /a<output>b<\/output>c|abc/, 'no space inside a word');
  assert.match(inline.html, /<b>x<\/b><i>y<\/i>/);
  assert.match(inline.html, /<pre>one<br>two<\/pre>/, 'nothing added inside <pre>');
});

test('ids from the body are prefixed with user-content-; footnotes and in-page links still reach them', async () => {
  const rendered = await render(
    [
      '## Main',
      '## Footnote label',
      '## Cite heading',
      'See [the main part](#main), [the label](#footnote-label) and a note[^a].',
      '<div id="related-heading">Raw</div>',
      '[^a]: The note, [back to main](#main).',
    ].join('\n\n'),
  );
  const html = tree(rendered.html);
  const ids = elements(html).map((e) => e.properties.id).filter((id): id is string => typeof id === 'string');
  assert.ok(ids.length >= 6, String(ids));
  for (const id of ids) assert.match(id, /^user-content-/);
  assert.ok(ids.includes('user-content-main') && ids.includes('user-content-footnote-label') && ids.includes('user-content-cite-heading'));
  // Every in-page reference points at an id of the body.
  const references = elements(html).flatMap((e) => [
    ...(typeof e.properties.href === 'string' && e.properties.href.startsWith('#') ? [e.properties.href.slice(1)] : []),
    ...(Array.isArray(e.properties.ariaDescribedBy) ? e.properties.ariaDescribedBy.map(String) : []),
  ]);
  assert.ok(references.length >= 5);
  for (const reference of references) assert.ok(ids.includes(reference), `#${reference} has a target`);
  const links = elements(html, 'a').filter((a) => toText(a) === 'the main part' || toText(a) === 'back to main');
  assert.deepEqual(links.map((a) => a.properties.href), ['#user-content-main', '#user-content-main']);
  assert.deepEqual(removed(rendered), []);
});

test('a heading or raw id named like a footnote id does not take it: every id is unique and footnote links reach the footnote', async () => {
  // "## Footnote label" and "## fn-1" were given footnote-label and fn-1, the ids of the footnotes'
  // heading and of the first footnote: after prefixing, the page had each id twice, the note's
  // reference link jumped to the heading, and aria-describedby named the wrong element.
  const rendered = await render(['A claim[^1].', '## Footnote label', '## fn-1', '## fnref-1', '<div id="a-raw-id">Raw</div>', '## A raw id', '[^1]: The note.'].join('\n\n'));
  const html = tree(rendered.html);
  const ids = elements(html).map((e) => e.properties.id).filter((id): id is string => typeof id === 'string');
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], `duplicate ids: ${ids}`);
  const byId = (id: string) => elements(html).find((e) => e.properties.id === id);
  const reference = elements(html, 'a').find((a) => a.properties.dataFootnoteRef !== undefined)!;
  assert.equal(byId(String(reference.properties.href).slice(1))?.tagName, 'li', 'the reference leads to the footnote');
  assert.equal(byId(String(reference.properties.ariaDescribedBy))?.properties.className?.toString(), 'sr-only', 'described by the footnotes heading');
  const back = elements(html, 'a').find((a) => a.properties.dataFootnoteBackref !== undefined)!;
  assert.equal(byId(String(back.properties.href).slice(1)), reference, 'the back link leads to the reference');
  for (const heading of ['Footnote label', 'fn-1', 'fnref-1', 'A raw id']) {
    assert.ok(elements(html, 'h2').some((h) => toText(h) === heading && typeof h.properties.id === 'string'), heading);
  }
});

test('what the sanitiser removed is shown with control characters escaped, so the warning cannot rewrite the terminal it is printed to', async () => {
  // A character reference in a removed attribute put ESC and BEL into the build's log as they are:
  // `&#27;[2J` cleared the screen, `&#27;[1A&#27;[2K` could erase the warning itself. The rendered
  // page never holds them (the attribute is gone), so nothing else caught them.
  const rendered = await render('<a onclick="&#27;[2J&#27;]0;title&#7;" title="ok">x</a> <img src="java&#27;script:x" alt="&#x202E;evil"> <span onmouseover="a&#x9;b">s</span>');
  const whats = removed(rendered);
  assert.equal(whats.length, 3, String(whats));
  const warning = sanitizeWarning('2020/report.md', rendered.metadata.sanitized)!;
  assert.doesNotMatch(warning, /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u, JSON.stringify(warning));
  assert.match(warning, /onclick="\\u001B\[2J\\u001B\]0;title\\u0007" on <a>/);
  assert.match(warning, /src="java\\u001Bscript:x" on <img>/);
  assert.match(warning, /onmouseover="a\\u0009b" on <span>/);
});

test("an <input> other than a task list's checkbox shows its words as text, apart from its neighbours, and is reported", async () => {
  const rendered = await render(
    [
      'Sign up<input type="submit" value="Subscribe now">today, or <input type="reset"> the <input value="typed words"> form.',
      'Secret <input type="password" value="hunter2"> here, <input type="hidden" value="token">gone, an <input type="image" alt="Search button" src="/go.png"> button.',
      '- [x] a task list item keeps its checkbox',
    ].join('\n\n'),
  );
  const html = tree(rendered.html);
  assert.deepEqual(
    elements(html, 'input').map((input) => input.properties.type),
    ['checkbox'],
    'only the task list checkbox stays a control',
  );
  const text = textOf(rendered.html);
  assert.match(text, /Sign up Subscribe now today, or Reset the typed words form\./);
  assert.match(text, /Secret here, gone, an Search button button\./);
  assert.doesNotMatch(rendered.html, /hunter2|token/, "a password's or a hidden input's value is never shown");
  assert.deepEqual(removed(rendered), [
    '<input type="submit">, shown as its words "Subscribe now"',
    '<input type="reset">, shown as its words "Reset"',
    '<input type="text">, shown as its words "typed words"',
    '<input type="password">',
    '<input type="hidden">',
    '<input type="image">, shown as its words "Search button"',
  ]);
});

test("an empty box shows its placeholder (a newsletter box's hint), a box with a value or a password with one does not", async () => {
  const rendered = await render(
    'Stay informed <input type="email" placeholder="Your e-mail address"> and <input type="search" value="moon" placeholder="Search the archive"> or ' +
      '<input type="number" value="many" placeholder="How many"> then <input type="password" placeholder="Your password"> not <input type="password" value="hunter2" placeholder="Hidden hint"> end.',
  );
  const text = textOf(rendered.html);
  assert.match(text, /Stay informed Your e-mail address and moon or How many then Your password not end\./);
  assert.doesNotMatch(rendered.html, /Search the archive|Hidden hint|hunter2/);
});

test('an e-mail or URL box of only white space holds nothing and shows its placeholder; the white space around its value is not shown', async () => {
  const rendered = await render(
    'Write <input type="email" value=" " placeholder="Your e-mail address"> or <input type="URL" value="\t" placeholder="Your site"> to ' +
      '<input type="email" value=" press@agency.example "> (<input type="email" multiple value=" a@agency.example , b@agency.example ">) but <input type="text" value=" " placeholder="Not shown"> end.',
  );
  assert.match(textOf(rendered.html), /Write Your e-mail address or Your site to press@agency\.example \( a@agency\.example,b@agency\.example \) but end\./);
  assert.doesNotMatch(rendered.html, /Not shown/);
});

test('property: the words an <input> shows in a paragraph are words of their own on the page', async () => {
  const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
  const type = fc.constantFrom(undefined, 'text', 'search', 'email', 'button', 'submit', 'reset', 'TEXT', 'bogus');
  await fc.assert(
    fc.asyncProperty(word, type, fc.array(word, { minLength: 1, maxLength: 4 }), word, async (before, inputType, value, after) => {
      const typeAttribute = inputType === undefined ? '' : ` type="${inputType}"`;
      const rendered = await render(`${before}<input${typeAttribute} value="${value.join(' ')}">${after}`);
      const words = textOf(rendered.html).split(' ');
      assert.deepEqual(words, [before, ...value, after]);
    }),
    { numRuns: 60 },
  );
});
