import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fedPagesProblem, IN_FLIGHT_LIMIT, pageDigest, pageFeed, pagePath, type FeedIndex } from '../../../src/search/build/feed/page-feed.ts';
import { onRequest, REPORT_ROUTE, setActiveFeed } from '../../../src/search/build/feed/page-feed-middleware.ts';
import { inIdOrder } from '../../../src/search/build/feed/feed-order.ts';
import { partitionReports } from '../../../src/search/build/search-partitions.ts';

/** A Pagefind index that records what it is sent; `hold` keeps its answers back until released. */
class FakeIndex implements FeedIndex {
  added: string[] = [];
  deleted = false;
  held: (() => void)[] = [];
  readonly hold: boolean;
  readonly failOn: string | undefined;
  constructor(hold = false, failOn?: string) {
    this.hold = hold;
    this.failOn = failOn;
  }
  addHTMLFile({ sourcePath }: { sourcePath: string; content: string }) {
    this.added.push(sourcePath);
    const answer = () =>
      sourcePath === this.failOn ? { errors: ['cannot parse'] } : { errors: [], file: { url: `/${sourcePath.replace(/index\.html$/, '')}` } };
    if (!this.hold) return Promise.resolve(answer());
    return new Promise<ReturnType<typeof answer>>((resolve) => this.held.push(() => resolve(answer())));
  }
  async deleteIndex() {
    this.deleted = true;
  }
  release() {
    for (const answer of this.held.splice(0)) answer();
  }
}

function fakePagefind(options: { hold?: boolean; failOn?: string } = {}) {
  const indexes: FakeIndex[] = [];
  const written: { name: string; pages: string[] }[] = [];
  const services = { started: 0, ended: 0 };
  return {
    indexes,
    written,
    services,
    api: {
      release: async () => {
        assert.ok(indexes.every((index) => index.deleted), 'the service ends only when it holds no index');
        services.ended++;
      },
      createIndex: async () => {
        const index = new FakeIndex(options.hold, options.failOn);
        indexes.push(index);
        return index;
      },
      write: async (index: FakeIndex, partition: { name: string }) => {
        assert.equal(index.deleted, false, 'written before it is deleted');
        written.push({ name: partition.name, pages: [...index.added] });
        return `bundle of ${partition.name}`;
      },
    },
  };
}

const page = (id: string) => `<html lang="en"><body><article data-pagefind-body>${id}</article></body></html>`;
const reports = [
  { id: '2021/b', year: 2021 },
  { id: '2021/a-b', year: 2021 },
  { id: '2021/a', year: 2021 },
  { id: '2001/z', year: 2001 },
];

test('pages rendered in any order reach Pagefind in id order, and each partition is written once its last page is in', async () => {
  const partitions = partitionReports(reports, 10);
  const pagefind = fakePagefind();
  const feed = pageFeed(partitions, pagefind.api);
  for (const id of ['2021/b', '2001/z', '2021/a', '2021/a-b']) await feed.add(id, page(id));
  const fed = await feed.finish();
  assert.deepEqual([...pagefind.written].sort((a, b) => a.name.localeCompare(b.name)), [
    { name: '2000-2009', pages: ['news/2001/z/index.html'] },
    // Code-unit order, the order the partition lists its ids in: "a" < "a-b" < "b".
    { name: '2020-2029', pages: ['news/2021/a/index.html', 'news/2021/a-b/index.html', 'news/2021/b/index.html'] },
  ]);
  assert.deepEqual([...fed.keys()].sort(), ['2000-2009', '2020-2029']);
  assert.equal(fed.get('2020-2029')!.bundle, 'bundle of 2020-2029');
  assert.ok(pagefind.indexes.every((index) => index.deleted), 'each index is deleted from the service once written');
  assert.equal(pagefind.services.ended, 2, 'and the service ended after each, giving its memory back');
  assert.deepEqual(inIdOrder(reports).map((r) => r.id), ['2001/z', '2021/a', '2021/a-b', '2021/b'], 'the report route renders in the same order');
});

test('a partition not every page of which was rendered is not given as fed, and its index is dropped', async () => {
  const partitions = partitionReports(reports, 10);
  const pagefind = fakePagefind();
  const feed = pageFeed(partitions, pagefind.api);
  await feed.add('2001/z', page('2001/z'));
  await feed.add('2021/a', page('2021/a'));
  await feed.add('2021/b', page('2021/b'));
  await feed.add('2031/other', page('2031/other')); // not a report of these partitions: ignored
  const fed = await feed.finish();
  assert.deepEqual([...fed.keys()], ['2000-2009']);
  assert.deepEqual(pagefind.written.map((w) => w.name), ['2000-2009']);
  assert.deepEqual(pagefind.indexes[1]!.added, ['news/2021/a/index.html'], 'b waits for a-b, which never came');
  assert.ok(pagefind.indexes.every((index) => index.deleted));
  assert.equal(pagefind.services.ended, 2);

  // One partition at a time: pages of another wait while an incomplete one holds the service.
  const held = fakePagefind();
  const blocked = pageFeed(partitions, held.api);
  await blocked.add('2021/a', page('2021/a'));
  await blocked.add('2001/z', page('2001/z'));
  assert.equal((await blocked.finish()).size, 0, 'both indexed from disk instead');
  assert.equal(held.indexes.length, 1);
});

test('a page Pagefind cannot index fails the feed, naming the page; a page rendered twice is refused', async () => {
  const [partition] = partitionReports(reports.slice(0, 3), undefined);
  const feed = pageFeed([partition!], fakePagefind({ failOn: 'news/2021/a-b/index.html' }).api);
  for (const r of reports.slice(0, 3)) await feed.add(r.id, page(r.id));
  await assert.rejects(feed.finish(), /addHTMLFile news\/2021\/a-b\/index\.html failed:\n {2}cannot parse/);

  const again = pageFeed([partition!], fakePagefind().api);
  await again.add('2021/a', page('2021/a'));
  await assert.rejects(again.add('2021/a', page('2021/a')), /news\/2021\/a\/index\.html was rendered twice/);
});

test('rendering waits while Pagefind is far behind, and goes on as it answers', async () => {
  const ids = Array.from({ length: IN_FLIGHT_LIMIT + 100 }, (_, i) => `2020/r${String(i).padStart(5, '0')}`);
  const [partition] = partitionReports(ids.map((id) => ({ id, year: 2020 })), undefined);
  const pagefind = fakePagefind({ hold: true });
  const feed = pageFeed([partition!], pagefind.api);
  let added = 0;
  const rendering = (async () => {
    for (const id of ids) {
      await feed.add(id, page(id));
      added++;
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(added < ids.length, `rendering went on with every page unanswered (${added} of ${ids.length})`);
  while (added < ids.length) {
    pagefind.indexes[0]?.release();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await rendering;
  pagefind.indexes[0]!.release();
  assert.equal((await feed.finish()).size, 1);
  assert.equal(pagefind.written[0]!.pages.length, ids.length);
});

test('the fed pages must be the pages written, by the digest of what Pagefind reads of them', () => {
  const [partition] = partitionReports(reports.slice(0, 2), undefined);
  const digests = new Map(partition!.ids.map((id) => [pagePath(id), pageDigest(page(id))]));
  const fed = { name: '', digests, bundle: undefined };
  assert.equal(fedPagesProblem(fed, partition!, (p) => digests.get(p) ?? 'missing'), undefined);
  // A change outside the indexed part (the article) does not matter to the index.
  assert.equal(pageDigest(page('x').replace('<body>', '<body><nav>other</nav>')), pageDigest(page('x')));
  const changed = (p: string) => (p === 'news/2021/b/index.html' ? pageDigest(page('2021/b other words')) : digests.get(p)!);
  assert.match(fedPagesProblem(fed, partition!, changed)!, /news\/2021\/b\/index\.html that differs from the one written/);
  const fewer = { ...fed, digests: new Map([...digests].slice(0, 1)) };
  assert.match(fedPagesProblem(fewer, partition!, (p) => digests.get(p)!)!, /was fed 1 page\(s\) for 2 report\(s\)/);
});

test('the middleware hands a report page to the feed and returns the same bytes; other routes pass untouched', async () => {
  const received: [string, string][] = [];
  setActiveFeed({ add: async (id, html) => void received.push([id, html]) });
  try {
    const html = '<html lang="en"><body>é — “quoted” 𝒳</body></html>';
    const response = () => new Response(html, { status: 200, headers: { 'content-type': 'text/html' } });
    const context = (routePattern: string) => ({ routePattern, params: { year: '2020', slug: 'casic' } }) as unknown as Parameters<typeof onRequest>[0];
    const out = (await onRequest(context(REPORT_ROUTE), async () => response())) as Response;
    assert.equal(await out.text(), html);
    assert.equal(out.headers.get('content-type'), 'text/html');
    assert.deepEqual(received, [['2020/casic', html]]);
    const other = response();
    assert.equal(await onRequest(context('/news/[...page]'), async () => other), other);
    assert.equal(received.length, 1);
  } finally {
    setActiveFeed(undefined);
  }
  const untouched = new Response('x');
  assert.equal(await onRequest({ routePattern: REPORT_ROUTE, params: {} } as unknown as Parameters<typeof onRequest>[0], async () => untouched), untouched, 'no feed: passed through');
});

test('no partition is started in Pagefind while another is open or being written, and none is lost waiting for it', async () => {
  const partitions = partitionReports(reports, 10);
  const pagefind = fakePagefind();
  let releaseWrite!: () => void;
  const writeHeld = new Promise<void>((resolve) => (releaseWrite = resolve));
  const write = pagefind.api.write;
  const api = { ...pagefind.api, write: async (index: FakeIndex, partition: { name: string }) => (await writeHeld, write(index, partition)) };
  const feed = pageFeed(partitions, api);
  await feed.add('2001/z', page('2001/z')); // completes 2000-2009: its writing is held
  for (const id of ['2021/a', '2021/a-b', '2021/b']) await feed.add(id, page(id));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(pagefind.indexes.length, 1, 'the next partition waits for the writing to end');
  assert.equal(pagefind.services.ended, 0);
  const finished = feed.finish();
  releaseWrite();
  const fed = await finished;
  assert.deepEqual([...fed.keys()].sort(), ['2000-2009', '2020-2029'], 'the held partition is sent and written before finish() answers');
  assert.deepEqual(pagefind.written.map((w) => w.name), ['2000-2009', '2020-2029']);
});

test('once Pagefind has failed, later pages are not sent and no other partition is started in a new service; the feed fails with its error', async () => {
  const partitions = partitionReports(reports, 10);
  assert.equal(partitions.length, 2);
  const [newest, oldest] = partitions;
  const pagefind = fakePagefind({ failOn: pagePath(newest!.ids[0]!) });
  const feed = pageFeed(partitions, pagefind.api);
  await feed.add(newest!.ids[0]!, page(newest!.ids[0]!));
  // Its answer (an error) comes back before the next page is rendered.
  await new Promise((resolve) => setImmediate(resolve));
  for (const id of [...oldest!.ids, ...newest!.ids.slice(1)]) await feed.add(id, page(id));
  assert.equal(pagefind.indexes.length, 1, 'no index was started for the other partition');
  assert.deepEqual(pagefind.indexes[0]!.added, [pagePath(newest!.ids[0]!)], 'nothing more was sent');
  await assert.rejects(feed.finish(), /cannot parse/);
});

test('a partition whose bundle cannot be written (Pagefind killed at its peak) stops the feed as a failed page does, and its service is still ended', async () => {
  const partitions = partitionReports(reports, 10);
  const [newest, oldest] = partitions;
  const pagefind = fakePagefind();
  let writes = 0;
  const api = {
    ...pagefind.api,
    write: async () => {
      writes++;
      throw new Error('Pagefind stopped while writing');
    },
  };
  const feed = pageFeed(partitions, api);
  for (const id of newest!.ids) await feed.add(id, page(id));
  await new Promise((resolve) => setImmediate(resolve));
  for (const id of oldest!.ids) await feed.add(id, page(id));
  await assert.rejects(feed.finish(), /Pagefind stopped while writing/);
  assert.equal(writes, 1);
  assert.equal(pagefind.indexes.length, 1, 'no index was started for the other partition');
  assert.equal(pagefind.services.ended, 1, 'the failed partition\'s service was ended');
});

