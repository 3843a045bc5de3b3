/**
 * The front matter the importer writes is read back by Astro as exactly the values it meant:
 * generated titles, decks, authors, publisher names and rights lines, parsed with Astro's own front matter
 * parser (parseFrontmatter, which the content layer uses).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { reportFileText } from '../../../src/importer/write-report.ts';
import type { ParsedReport } from '../../../src/importer/parse-report.ts';

// Text YAML would read as something else, or that breaks a plain scalar.
const yamlLike = fc.constantFrom(
  '2020-07-31', '2020-07-31T10:00:00Z', 'yes', 'no', 'on', 'off', 'true', 'False', 'null', 'Null', '~', '', ' ', '123', '-1.5e3',
  '0x1F', '0o17', '017', '1_000', '12:30:45', '.inf', '-.Inf', '.NaN', '- a', ': b', '#c', 'a #c', 'a: b', '? q', '! tag', '&anchor',
  '*alias', '<<', '|', '>', '%YAML', '@x', '`x`', "'single'", '"double"', 'it\'s "x"', '[a, b]', '{a: b}', '---', '...', ' lead',
  'trail ', '\ttab', 'line\nbreak', 'a\\b', 'é', '漢字', '\u{1F600}', '\u00A0', '\u2028', '\uFEFFbom', '\u0085', '\x7F',
);
const text = fc.oneof(yamlLike, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.tuple(yamlLike, yamlLike).map(([a, b]) => a + b));

const frontmatter = fc.record(
  {
    title: text,
    subtitle: text,
    authors: fc.array(text, { minLength: 1, maxLength: 3 }),
    date: fc.constantFrom('2020-07-31', '1000-01-01', '9999-12-31', '2024-02-29'),
    source: fc.record({ name: text, url: fc.constantFrom('https://example.org/a?b=1&c=2#d', 'http://x.example/"q"') }, { requiredKeys: ['name'], noNullPrototype: true }),
    language: fc.constantFrom('en', 'zh', 'pt-BR'),
    rights: text,
  },
  { requiredKeys: ['title', 'date', 'source', 'language'], noNullPrototype: true },
);

test('what the importer writes, Astro reads back as exactly the same front matter', () => {
  fc.assert(
    fc.property(frontmatter, (data) => {
      const report: ParsedReport = { year: Number(data.date.slice(0, 4)), slug: 'r', frontmatter: data, body: 'Text.' };
      const read = parseFrontmatter(reportFileText(report)).frontmatter as Record<string, unknown>;
      // The date is written plain, for YAML to read as a date (as a hand-written report's is).
      assert.ok(read.date instanceof Date, `date read as ${typeof read.date}`);
      assert.deepEqual({ ...read, date: (read.date as Date).toISOString().slice(0, 10) }, data);
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) },
  );
});
