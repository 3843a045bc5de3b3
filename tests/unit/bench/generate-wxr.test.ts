import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { generateWxr } from '../../bench/generate-wxr.ts';

test('the benchmark WordPress export is well-formed, deterministic, and holds what its manifest counts', async () => {
  const a = await generateWxr({ posts: 120, seed: 7 });
  const b = await generateWxr({ posts: 120, seed: 7 });
  assert.equal(a.xml, b.xml, 'same seed, same bytes');
  assert.notEqual((await generateWxr({ posts: 120, seed: 8 })).xml, a.xml);
  // Well-formed, namespaces included: a strict XML parser reads it to the end without an error.
  const sax = new SaxesParser({ xmlns: true });
  sax.on('error', (error) => assert.fail(error.message));
  sax.write(a.xml).close();
  const items = new XMLParser({ ignoreAttributes: false }).parse(a.xml).rss.channel.item as Record<string, unknown>[];
  const ofType = (type: string, status?: string) => items.filter((i) => i['wp:post_type'] === type && (status === undefined || i['wp:status'] === status)).length;
  assert.equal(ofType('post', 'publish'), a.published);
  assert.equal(ofType('post', 'draft'), a.drafts);
  assert.equal(ofType('post', 'private'), a.privatePosts);
  assert.equal(ofType('page'), a.pages);
  assert.equal(ofType('attachment'), a.attachments);
  assert.equal(a.published + a.drafts + a.privatePosts, 120);
  assert.ok(a.drafts > 0 && a.images.length > 0, 'drafts and images are there to be exercised');
  assert.match(a.xml, /\[caption id="attachment_\d+"/);
  assert.match(a.xml, /<table class="wp-block-table">/);
  assert.match(a.xml, /<category domain="post_tag"/);
  const years = new Set([...a.xml.matchAll(/<wp:post_date><!\[CDATA\[(\d{4})/g)].map((m) => m[1]));
  assert.ok(years.size >= 10, `dates over years: ${[...years]}`);
});
