/**
 * HTML -> Markdown, element by element: where hast-util-to-mdast alone would lose a reader's text,
 * and how untrusted HTML is neutralised. Each rendered through the site's real renderer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Nodes as MdastNodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { htmlToMarkdown } from '../../../src/importer/html/html-to-markdown.ts';
import { renderMarkdown } from '../../support/source-fidelity.ts';

async function shown(html: string, baseUrl?: string) {
  const converted = htmlToMarkdown(html, { baseUrl });
  const rendered = await renderMarkdown(converted.markdown);
  return { ...converted, html: rendered.html, text: rendered.text.trim() };
}

test('a table keeps its caption, its header, text of a table nested in a cell, and blocks in cells on one line', async () => {
  const result = await shown(
    '<table><caption>Launches by year</caption><tr><th>Year</th><th>Count|total</th></tr>' +
      '<tr><td><p>2020</p><p>(final)</p></td><td><ul><li>35</li><li>of 40</li></ul></td><td>extra cell</td></tr>' +
      '<tr><td colspan="2"><table><tr><td>inner one</td><td>inner two</td></tr></table></td></tr></table>',
  );
  assert.equal(result.markdown.split('\n')[0], 'Launches by year');
  assert.match(result.markdown, /\| Year +\| Count\\\|total \|/);
  assert.match(result.html, /<td>2020 \(final\)<\/td>/);
  for (const words of ['Launches by year', 'Year', 'Count|total', '35', 'of 40', 'extra cell', 'inner one', 'inner two']) {
    assert.ok(result.text.includes(words), `${words} in ${result.text}`);
  }
});

test('line breaks, definition lists, details, unknown and span-only elements keep their text', async () => {
  const result = await shown(
    '<p>Line one<br>line two</p><dl><dt>Term</dt><dd>Definition</dd></dl><details><summary>More</summary><p>Hidden until opened</p></details>' +
      '<custom-element>Custom text</custom-element><span>Only a span</span><font color="red">Font text</font><center>Centred</center>',
  );
  assert.match(result.html, /Line one<br>\s*line two/);
  // Inline elements side by side show side by side, as in a browser.
  assert.equal(result.text.replace(/\s+/g, ' '), 'Line one line two Term Definition More Hidden until opened Custom textOnly a spanFont text Centred');
});

test('entities are decoded exactly once, and what they stand for shows as text, never as markup', async () => {
  const result = await shown('<p>A &amp; B, &lt;b&gt;not bold&lt;/b&gt;, it&#8217;s, x&nbsp;y, &amp;amp; stays, &amp;lt; too, *stars* and _under_ [link](x)</p>');
  assert.equal(result.text, 'A & B, <b>not bold</b>, it’s, x y, &amp; stays, &lt; too, *stars* and _under_ [link](x)');
  assert.match(result.html, /x(\u00a0|&#xA0;|&nbsp;)y/);
  assert.doesNotMatch(result.html, /<b>|<em>|<a /);
});

test('<sup> and <sub> stay (E=mc², H₂O), images keep their alt, figures their caption', async () => {
  const result = await shown(
    '<p>E=mc<sup>2</sup> and H<sub>2</sub>O <img src="/inline.png" alt="inline picture"></p><figure><img src="photo.jpg" alt="Crowd"><figcaption>The <a href="/x">crowd</a> at noon</figcaption></figure><figure><img src="plain.jpg" alt="No caption"></figure>',
    'https://agency.example/news/1',
  );
  assert.match(result.html, /E=mc<sup>2<\/sup> and H<sub>2<\/sub>O/);
  assert.match(result.html, /<figure><img [^>]*imported\/image-2\.jpg[^>]*><figcaption>The crowd at noon<\/figcaption><\/figure>/);
  assert.deepEqual(result.images, [
    { url: 'https://agency.example/inline.png', alt: 'inline picture' },
    { url: 'https://agency.example/news/photo.jpg', alt: 'Crowd' },
    { url: 'https://agency.example/news/plain.jpg', alt: 'No caption' },
  ]);
});

test('headings, nested lists, quotes and code keep their structure', async () => {
  const result = await shown('<h2>Title</h2><ol><li>One<ul><li>One a<ol><li>deep</li></ol></li></ul></li><li>Two</li></ol><blockquote><p>Quoted <em>words</em></p></blockquote><pre><code>let x = 1;\n  x *= 2;</code></pre><p><code>a`b</code></p>');
  assert.equal(
    result.markdown,
    '## Title\n\n1. One\n   * One a\n     1. deep\n2. Two\n\n> Quoted *words*\n\n```\nlet x = 1;\n  x *= 2;\n```\n\n``a`b``',
  );
});

test('formatting of nothing before a paragraph in a list item is not written as an empty first line (a bare marker ends the item)', async () => {
  const result = await shown(
    '<ol><li><span><i> </i><p>First</p></span></li><li><figure><img src="photo.jpg" alt="Crowd"><figcaption>The crowd at noon</figcaption></figure></li><li>Third</li></ol>',
    'https://agency.example/news/1',
  );
  assert.equal(result.markdown, '1. First\n2. ![Crowd](https://agency.example/news/photo.jpg "The crowd at noon")\n3. Third');
  assert.equal(result.text, 'First The crowd at noon Third');
});

test('formatting around whole blocks is drawn inside each of them: paragraphs stay apart, a list keeps its items, a figure its caption, code its text', async () => {
  const figure = '<figure><img src="photo.jpg" alt="Crowd"><figcaption>The crowd at noon</figcaption></figure>';
  for (const tag of ['strong', 'mark', 'sup', 'kbd', 'a href="https://example.org/"']) {
    const name = tag.split(' ')[0];
    const result = await shown(`<div><${tag}>Lead<p>One &amp;amp; two</p><ol><li>${figure}</li><li>Next</li></ol>Tail</${name}></div>`, 'https://agency.example/news/1');
    assert.equal(result.text.replace(/\s+/g, ' '), 'Lead One &amp; two The crowd at noon Next Tail', `<${tag}>: ${result.markdown}`);
    assert.match(result.html, /<li><figure><img [^>]*><figcaption>The crowd at noon<\/figcaption><\/figure><\/li>/, `<${tag}>: ${result.markdown}`);
  }
});

test('a figure in a list item that holds more (a nested list, a quote, code) is set apart, so the page still shows it with its caption', async () => {
  const figure = '<span><figure><img src="photo.jpg" alt="Crowd"><figcaption>The crowd at noon</figcaption></figure></span>';
  for (const [after, words] of [['<ul><li>Sub item</li></ul>', 'Sub item'], ['<blockquote>Quoted</blockquote>', 'Quoted'], ['<pre>code line</pre>', 'code line']]) {
    const result = await shown(`<ol><li>${figure}${after}</li><li>Next</li></ol>`, 'https://agency.example/news/1');
    assert.equal(result.text.replace(/\s+/g, ' '), `The crowd at noon ${words} Next`, result.markdown);
    assert.match(result.html, /<figure><img [^>]*><figcaption>The crowd at noon<\/figcaption><\/figure>/, result.markdown);
  }
});

test('a line break that ends bold, italic or struck-out text shows as a line break, never as a backslash glued to the word', async () => {
  for (const tag of ['b', 'em', 's', 'mark']) {
    const result = await shown(`<p>Jane Doe, <${tag}>Spokeswoman<br></${tag}>Ministry of Health</p><p>Ends <${tag}>here<br></${tag}></p><ul><li>Item <br> <${tag}><br></${tag}></li></ul>`);
    assert.equal(result.text.replace(/\s+/g, ' '), 'Jane Doe, Spokeswoman Ministry of Health Ends here Item', `<${tag}>: ${result.markdown}`);
    assert.match(result.html, /Spokeswoman<\/(strong|em|del)><br>\s*Ministry of Health/, `<${tag}>: ${result.markdown}`);
  }
  // The breaks at the end with white space and emptied formatting among them (found by the fidelity property).
  const mixed = await shown('<p><b>Jane Doe <br> <u><br></u></b> Ministry of Health</p>');
  assert.equal(mixed.text.replace(/\s+/g, ' '), 'Jane Doe Ministry of Health', mixed.markdown);
  assert.match(mixed.html, /Jane Doe<\/strong><br>\s*<br>\s*Ministry of Health/, mixed.markdown);
});

test('untrusted HTML is neutralised: scripts, styles, iframes, handlers and javascript: links go, their text stays, the editor is told', async () => {
  const result = await shown(
    '<p onclick="steal()">Click <a href="javascript:alert(1)">here</a> or <a href="https://ok.example/" onmouseover="x()">there</a></p>' +
      '<script>alert("x")</script><style>p { color: red }</style><iframe src="https://video.example/embed/1"></iframe><noscript>no script</noscript>' +
      '<img src="data:image/png;base64,AAAA" alt="inline data"><object data="https://x.example/f.swf"></object><!-- hidden note -->',
  );
  // The data: image's alt text is the publisher's words: it stays, as text.
  assert.equal(result.text.replace(/\s+/g, ' '), 'Click here or there inline data (an embedded data: image, not imported)');
  assert.doesNotMatch(result.html, /onclick|onmouseover|javascript:|<script|<style|<iframe|<object|alert|hidden note/);
  assert.match(result.html, /<a href="https:\/\/ok\.example\/" rel="noopener">there<\/a>/);
  assert.equal(result.warnings.length, 4);
  assert.match(result.warnings.join('\n'), /javascript:alert\(1\).*not kept/);
  assert.match(result.warnings.join('\n'), /<iframe> https:\/\/video\.example\/embed\/1 was not imported/);
  assert.match(result.warnings.join('\n'), /data:image\/png/);
  assert.match(result.warnings.join('\n'), /<object> https:\/\/x\.example\/f\.swf/);
});

test('formatting nested in itself and images in inline code lose no text', async () => {
  const result = await shown('<p><s><s>struck</s></s> <b>bold <b>bolder</b></b> <code>code <img src="https://e.org/i.png" alt="i"> more</code> <code><br></code> end</p>');
  assert.equal(result.text, 'struck bold bolder code more end');
  assert.match(result.html, /<del>struck<\/del>/);
  assert.deepEqual(result.images, [{ url: 'https://e.org/i.png', alt: 'i' }]);
  // <u> is written as emphasis too: inside <i>, under other marks, it doubled a mark the page then showed.
  const underlined = await shown('<p><i>Note <b><s><u>withdrawn</u></s></b></i></p>');
  assert.equal(underlined.text, 'Note withdrawn', underlined.markdown);
  assert.match(underlined.html, /<del>withdrawn<\/del>/);
});

test('inline code side by side shows its text, never the backticks that would join the two spans', async () => {
  const result = await shown('<p>Press <kbd>Ctrl </kbd> <kbd>C</kbd>, then run <code>git</code><code>-log</code>.</p>');
  assert.equal(result.text, 'Press Ctrl C, then run git-log.', result.markdown);
});

test('each listed image URL is written in the Markdown exactly as listed, even with spaces or parentheses', () => {
  const result = htmlToMarkdown('<p><img src="photos/launch (1).jpg" alt="one"> <img src="https://e.org/a(2)<b>.png" alt="two"></p>');
  assert.deepEqual(result.images, [
    { url: 'photos/launch%20%281%29.jpg', alt: 'one' },
    { url: 'https://e.org/a%282%29%3Cb%3E.png', alt: 'two' },
  ]);
  for (const image of result.images) assert.ok(result.markdown.includes(`](${image.url})`), result.markdown);
});

test('an inline SVG is not imported, and when it holds words (a chart, an infographic) the editor is told which', () => {
  const result = htmlToMarkdown('<p>Launches rose. <svg viewBox="0 0 10 10"><title>Launches by year</title><text>2019: 30</text><text>2020: 35</text></svg> More.</p><p><svg><path d="M0 0"/></svg>Icon</p>');
  assert.match(result.markdown, /^Launches rose\. +More\.\n\nIcon$/);
  assert.equal(result.warnings.length, 1, result.warnings.join('\n'));
  assert.match(result.warnings[0]!, /<svg>.*"Launches by year 2019: 30 2020: 35".*not imported/);
});

test('a link in an image caption, which becomes the image title (text only), is named in a warning; its text stays', () => {
  const result = htmlToMarkdown('<figure><img src="a.jpg" alt="The pad"><figcaption>The pad at dawn (Photo: <a href="https://agency.example/jane">Jane Doe</a>)</figcaption></figure>');
  assert.equal(result.markdown, '![The pad](a.jpg "The pad at dawn (Photo: Jane Doe)")');
  assert.equal(result.warnings.length, 1, result.warnings.join('\n'));
  assert.match(result.warnings[0]!, /link to "https:\/\/agency\.example\/jane" in the caption of the image "a\.jpg" was not kept/);
});

test('an image marked decorative as the site expects (empty alt, title "decorative") draws no missing-alt warning', () => {
  const result = htmlToMarkdown('<p><img src="rule.png" alt="" title="decorative"></p><p><img src="b.png" alt=""></p>');
  assert.equal(result.markdown, '![](rule.png "decorative")\n\n![](b.png)');
  assert.equal(result.warnings.length, 1, result.warnings.join('\n'));
  assert.match(result.warnings[0]!, /"b\.png" has no alt text/);
});

test('a lazy-loaded image (data-src, data-lazy-src, srcset, a data: placeholder in src) is imported from its real address, with its alt text', () => {
  const result = htmlToMarkdown(
    '<p><img data-src="https://ex.org/real.jpg" alt="Lazy loaded photo alt"></p>' +
      '<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-lazy-src="/up/lazy.jpg" alt="Placeholder then lazy"></p>' +
      '<p><img srcset="data:image/gif;base64,AAAA 1x, /up/small.jpg 1x, /up/large.jpg 2x" alt="From srcset"></p>' +
      '<p><img src="https://ex.org/kept.jpg" data-src="https://ex.org/other.jpg" alt="Src wins"></p>',
    { baseUrl: 'https://ex.org/news/1' },
  );
  assert.equal(
    result.markdown,
    '![Lazy loaded photo alt](https://ex.org/real.jpg)\n\n![Placeholder then lazy](https://ex.org/up/lazy.jpg)\n\n![From srcset](https://ex.org/up/small.jpg)\n\n![Src wins](https://ex.org/kept.jpg)',
  );
  assert.deepEqual(result.warnings, []);
});

test('an image with no usable address (a data: image, none at all, javascript:) keeps its alt text as text, and the editor is told', async () => {
  const result = await shown(
    '<p>Text with an <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Inline chart alt"> image.</p>' +
      '<p><img alt="Nowhere photo alt"></p><p><img src="javascript:alert(1)" alt="Script alt"></p><p>Spacer <img src="data:image/png;base64,AAAA" alt=""> end</p>',
  );
  assert.equal(
    result.text.replace(/\s+/g, ' '),
    'Text with an Inline chart alt (an embedded data: image, not imported) image. Nowhere photo alt (an image without an address, not imported) ' +
      'Script alt (an image at a javascript: address, not imported) Spacer end',
  );
  assert.deepEqual(result.images, []);
  assert.equal(result.warnings.length, 4, result.warnings.join('\n'));
  assert.match(result.warnings[0]!, /source "data:image\/gif;base64,R0lGODlhAQABAAAAACw=" was not imported .*alt text "Inline chart alt" is kept as text/);
  assert.match(result.warnings[1]!, /an image with no source was not imported .*"Nowhere photo alt" is kept/);
  assert.match(result.warnings[2]!, /"javascript:alert\(1\)".*"Script alt" is kept/);
  assert.match(result.warnings[3]!, /data:image\/png;base64,AAAA" was not imported \(only http\(s\) or relative images are\)$/);
  assert.doesNotMatch(result.html, /<img|alert\(/);
});

/** HTML's white space, the only white space a browser collapses (src/importer/html/html-whitespace.ts). */
const HTML_SPACE = /[\t\n\f\r ]+/g;
/** Any text, weighted towards the white space that is not HTML's and what Markdown escapes in a cell. */
const cellText = fc
  .string({
    unit: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('\u00a0', '\u3000', '\ufeff', '\u2003', '\u200b', '\u1680', '\u2028', '\u0085', ' ', '\t', '\n', '\r\n') },
      { weight: 1, arbitrary: fc.constantFrom('|', '\\', '*', '_', '&', '<', '`', '[', ']', '#', '~', '&amp;') },
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    ),
    minLength: 1,
    maxLength: 12,
  })
  // NUL is dropped by the HTML parser, and the other C0 controls (a vertical tab...) are no text a reader sees.
  .filter((text) => !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) && text.replace(HTML_SPACE, '') !== '');

/** The text of each cell of the last row of the Markdown's table, read as the site reads Markdown (GFM). */
function lastRowTexts(markdown: string): string[] {
  const textOf = (node: MdastNodes): string => ('value' in node && node.type !== 'html' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '');
  const [table] = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }).children;
  assert.equal(table?.type, 'table', markdown);
  return table.type === 'table' ? table.children.at(-1)!.children.map(textOf) : [];
}

test('a table cell keeps its text exactly (no-break, ideographic and zero-width spaces too), only runs of HTML white space made one space', () => {
  fc.assert(
    fc.property(fc.array(cellText, { minLength: 1, maxLength: 3 }), fc.boolean(), (cells, inBlocks) => {
      const escaped = cells.map((text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
      const row = escaped.map((html) => `<td>${inBlocks ? `<p>${html}</p>` : html}</td>`).join('');
      const { markdown } = htmlToMarkdown(`<table><tr>${row}</tr></table>`);
      const expected = cells.map((text) => text.replace(HTML_SPACE, ' ').replace(/^ | $/g, ''));
      assert.deepEqual(lastRowTexts(markdown), expected, markdown);
    }),
    { numRuns: Number(process.env.FIDELITY_RUNS ?? 200) },
  );
});

test('no-break, ideographic and zero-width no-break spaces in a table cell stay as written, as in a paragraph', () => {
  const { markdown } = htmlToMarkdown('<table><tr><td>10\u00a0000 km</td><td>全角\u3000空格</td><td>x\ufeffy</td></tr></table>');
  assert.deepEqual(lastRowTexts(markdown), ['10\u00a0000 km', '全角\u3000空格', 'x\ufeffy']);
});

test("form controls' words (a button's label, a textarea's typed text, a select's choices) and an object's fallback content are kept", async () => {
  const result = await shown(
    '<p>Press <button>Send now</button> to apply.</p><p>Choose <select name="c"><option>First option</option><optgroup label="Later"><option>Second option</option></optgroup></select> today.</p>' +
      '<textarea>Typed\n\ntext</textarea><object data="https://x.example/chart.swf"><param name="q" value="1"><p>Object fallback words</p></object>' +
      '<video src="https://x.example/v.mp4">Your browser cannot play it</video><p><input type="text" value="x"></p>',
  );
  assert.equal(result.text.replace(/\s+/g, ' '), 'Press Send now to apply. Choose First option / Later / Second option today. Typed text Object fallback words x');
  assert.match(result.html, /Typed<br>\s*<br>\s*text/);
  assert.equal(result.warnings.length, 2, result.warnings.join('\n'));
  assert.match(result.warnings[0]!, /<object> https:\/\/x\.example\/chart\.swf was not imported \(its fallback content is, in its place\)/);
  assert.match(result.warnings[1]!, /<video> https:\/\/x\.example\/v\.mp4 was not imported \(nor its fallback text "Your browser cannot play it"\)/);
});

test("an empty textarea's placeholder is imported as the words it shows, its line breaks kept; one holding anything (a space) shows none", async () => {
  const result = await shown(
    '<p>Message: <textarea placeholder="Write your message"></textarea> now</p><p>Post to<textarea placeholder="Name&#10;Street&#13;&#10;City">\n</textarea>then<textarea placeholder="Not shown"> </textarea>or<textarea placeholder="Nor this">Typed</textarea>end.</p>',
  );
  assert.equal(result.text.replace(/\s+/g, ' '), 'Message: Write your message now Post to Name Street City then or Typed end.');
  assert.match(result.html, /Name<br>\s*Street<br>\s*City/);
  assert.doesNotMatch(result.markdown, /Not shown|Nor this/);
});

test("an <input>'s shown words are on the page, each its own word: a box's text, a button's label (a submit's or reset's own when it has none), an image button's alt text", async () => {
  const result = await shown(
    '<p>Join<input type="submit" value="Subscribe now">today</p><p>Then<input type="SUBMIT">or<input type="reset">it.</p>' +
      '<p>Search<input type="search" value="moon landing">or<input value="typed words">or<input type="weird" value="unknown type">.</p>' +
      '<p>Go<input type="image" src="go.png" alt="Go there">or<input type="number" value="12.5">times.</p>',
  );
  assert.equal(
    result.text.replace(/\s+/g, ' '),
    'Join Subscribe now today Then Submit or Reset it. Search moon landing or typed words or unknown type . Go Go there or 12.5 times.',
  );
  assert.deepEqual(result.warnings, []);
});

test('an <input> that shows none of the page\'s words (a checkbox, a password, a date) keeps its neighbours apart, a hidden one not even that: a password\'s value is never written', async () => {
  const result = await shown(
    '<p>Agree<input type="checkbox" value="yes">and log<input type="hidden" value="token123">in<input type="password" value="hunter2">on<input type="date" value="2020-07-31">now.</p>',
  );
  assert.equal(result.text.replace(/\s+/g, ' '), 'Agree and login on now.');
  assert.doesNotMatch(result.markdown, /hunter2|token123|yes|2020/);
});

test("an empty box's placeholder is imported as the words it shows; a box with a value, or a password with one, shows no placeholder", async () => {
  const result = await shown(
    '<p>Stay informed<input type="email" placeholder="Your e-mail address">and<input type="search" value="moon" placeholder="Search the archive">then<input type="password" placeholder="Your password">not<input type="password" value="hunter2" placeholder="Hidden hint">end.</p>',
  );
  assert.equal(result.text.replace(/\s+/g, ' '), 'Stay informed Your e-mail address and moon then Your password not end.');
  assert.doesNotMatch(result.markdown, /Search the archive|Hidden hint|hunter2/);
});

test('an e-mail or URL box of only white space is imported as its placeholder, as a browser shows it; a text box of spaces shows none', async () => {
  const result = await shown(
    '<p>Write<input type="email" value=" " placeholder="Your e-mail address">or<input type="url" value=" \n" placeholder="Your site">to<input type="email" multiple value=" a@agency.example , b@agency.example ">but<input type="text" value=" " placeholder="Not shown">end.</p>',
  );
  assert.equal(result.text.replace(/\s+/g, ' '), 'Write Your e-mail address or Your site to a@agency.example,b@agency.example but end.');
  assert.doesNotMatch(result.markdown, /Not shown/);
});

test('strikethrough right after strikethrough (<del>, <s>, <strike>) is struck through on the page, its words apart as written, with no tildes shown', async () => {
  const result = await shown(
    '<p><del>struck words</del><del>more struck</del> after</p><p><s>old </s><s>new</s> text</p><p>then <del>a</del><s>b</s><strike>c</strike> end</p>',
  );
  assert.equal(result.text.replace(/\s+/g, ' '), 'struck wordsmore struck after old new text then abc end');
  assert.match(result.html, /<del>struck wordsmore struck<\/del> after/);
  assert.match(result.html, /<del>old new<\/del> text/);
  assert.match(result.html, /<del>abc<\/del> end/);
});

test('a no-break or ideographic space at the very end of an article stays: the last line keeps its words, none becomes Markdown syntax', async () => {
  for (const space of ['&nbsp;', '\u3000']) {
    const heading = await shown(`<p>Results</p><h2>Vote #${space}</h2>`);
    assert.equal(heading.text.replace(/\s+/g, ' ').trim(), 'Results Vote #', heading.markdown);
    const dash = await shown(`<p>Total<br>-${space}</p>`);
    assert.equal(dash.text.replace(/\s+/g, ' ').trim(), 'Total -', dash.markdown);
    assert.doesNotMatch(dash.html, /<h2/);
    const lineOfSpace = await shown(`<p>Total<br>${space}</p>`);
    assert.equal(lineOfSpace.text.replace(/\s+/g, ' ').trim(), 'Total', lineOfSpace.markdown);
  }
  assert.equal(htmlToMarkdown('<p>&nbsp;</p><p>\u3000</p>').markdown, '', 'an article of no-break spaces alone has no text');
});

test('a figure where no block can stand (a heading, a summary, a table caption) keeps its caption on the page, as text after the image', async () => {
  const figure = '<figure><img src="a.jpg" alt="Alt"><figcaption>Cap words</figcaption></figure>';
  const result = await shown(`<h2>Head ${figure}</h2><h3>${figure}</h3><details><summary>Sum ${figure}</summary>x</details><table><caption>Tab ${figure}</caption><tr><td>c</td></tr></table>`);
  assert.equal(result.text.replace(/\s+/g, ' ').trim(), 'Head Cap words Cap words Sum Cap words x Tab Cap words c');
  assert.match(result.html, /<h2[^>]*>Head <img [^>]*> Cap words<\/h2>/);
});

test("a quotation's marks are on the page as a browser draws them: inside code too, and apart from the words after a quotation that ends in a line break", async () => {
  const result = await shown('<p>Type <kbd><q>Yes</q></kbd> now.</p><p>She said <q>go<br></q> then left.</p>');
  assert.equal(result.text.replace(/\s+/g, ' '), 'Type "Yes" now. She said "go " then left.');
});

test('blocks where Markdown holds one line (paragraphs, a list or a table in a heading or a summary) keep their words apart', async () => {
  const result = await shown(
    '<h2><p>First</p><p>second</p></h2><h3>Table <table><tr><td>cell</td><td>other</td></tr></table> after</h3>' +
      '<details><summary><div>Sum</div><div>mary</div><ul><li>one</li><li>two</li></ul></summary>body</details>',
  );
  assert.equal(result.text.replace(/\s+/g, ' ').trim(), 'First second Table cell other after Sum mary one two body');
  assert.match(result.html, /<h2[^>]*>First second<\/h2>/);
});

test('a figure in a heading stands apart from the words beside it, as a browser draws it', async () => {
  const result = await shown('<h2>Before<figure><img src="a.jpg" alt="Alt"><figcaption>Cap</figcaption></figure>after</h2><h3>One<figure><img src="b.jpg" alt="B"></figure>two</h3>');
  assert.equal(result.text.replace(/\s+/g, ' ').trim(), 'Before Cap after One two');
});
