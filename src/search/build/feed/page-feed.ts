/**
 * Feeds each report page to Pagefind as Astro renders it, so that a cold build indexes the pages
 * on the second core while Astro renders the rest on the first, instead of reading them all from
 * disk afterwards. In a cold build of 10,000 reports Astro renders pages on one core for 16-17 s
 * while the other waits, then Pagefind read and indexed every page for 17-23 s after them.
 *
 * What is indexed is exactly what is written: Astro writes the bytes the page's response holds,
 * which page-feed-middleware.ts hands here, and at the end of the build the digest of each fed
 * page's indexed part must equal the digest of the page read from disk (`fedPagesProblem`), or the
 * build fails.
 *
 * Pages reach Pagefind in one fixed order, each partition's report ids sorted as its `ids` are,
 * whatever order Astro's concurrent rendering finishes them in: Pagefind numbers pages in the
 * order it receives them, and that numbering is in the bundle's bytes. A page that arrives early
 * waits in `waiting` until those before it have been sent; the report route lists its pages in
 * that order (src/pages/news/[year]/[slug].astro), so the wait is a few pages at most.
 *
 * Pagefind's service holds one partition's index at a time: it is written as soon as its last
 * page is indexed, then deleted, and the service ended (`release`; the next partition starts
 * another). Pure apart from the Pagefind service it is given (`PagefindApi`): tests drive it
 * with a fake.
 */
import { indexedPart, type Partition } from '../search-partitions.ts';
import { indexedPartDigest } from '../page-digests.ts';
import { reportPath } from '../../../urls/site-paths.ts';

/** The part of a Pagefind index the feed uses (pagefind's Node API). */
export interface FeedIndex {
  addHTMLFile(file: { sourcePath: string; content: string }): Promise<{ errors: string[]; file?: { url: string } }>;
  deleteIndex(): Promise<unknown>;
}

export interface PagefindApi<Index extends FeedIndex, Bundle> {
  createIndex(): Promise<Index>;
  /** Writes a partition's bundle into its folder from its finished index; `digests` as in FedPartition. */
  write(index: Index, partition: Partition, digests: ReadonlyMap<string, string>): Promise<Bundle>;
  /** Ends the service that held an index, once that index is written and deleted (the next index starts another). */
  release(): Promise<unknown>;
}

export interface FedPartition<Bundle> {
  name: string;
  /** Each fed page (`news/<id>/index.html`) and the sha256 of its indexed part (search-partitions.ts). */
  digests: ReadonlyMap<string, string>;
  /** What writing its bundle gave. */
  bundle: Bundle;
}

/**
 * Pages sent to Pagefind whose answer has not come yet, beyond which rendering waits. Pagefind
 * indexes one page at a time, at about Astro's pace when it has a core of its own; when it falls
 * behind, Astro need not wait for it at once: it has the report files to render next, while
 * Pagefind catches up. A page in flight costs its indexed part here (about 7 KB of English text,
 * twice that as a two-byte string) and its base64 message in Pagefind's pipe (about 12 KB). At 64,
 * Astro's pages took 27 s instead of 15 s on a loaded machine; at 2,000 the build's memory peak
 * (this process and Pagefind's at once) rose by about 50 MB over 500.
 */
export const IN_FLIGHT_LIMIT = 500;

export const pagePath = (id: string): string => `${reportPath(id)}index.html`;

/** The digest of what Pagefind reads of a page, as page-digests.ts knows the page on disk by. */
export function pageDigest(html: string): string {
  return indexedPartDigest(indexedPart(html));
}

interface PartitionState<Index, Bundle> {
  partition: Partition;
  index?: Promise<Index>;
  next: number;
  waiting: Map<number, string>;
  sent: Promise<void>[];
  digests: Map<string, string>;
  done?: Promise<FedPartition<Bundle>>;
}

export interface PageFeed<Bundle = unknown> {
  /**
   * One rendered report page. Resolves when rendering may go on: at once, unless Pagefind is
   * behind by IN_FLIGHT_LIMIT pages. A report outside the feed's partitions is ignored, and so is
   * every page once Pagefind has failed (finish() rejects with its error).
   */
  add(id: string, html: string): Promise<void>;
  /**
   * Every partition whose pages were all fed, written; call once rendering is over. Rejects with
   * Pagefind's error if any page or write failed. A partition with pages missing is not in it.
   */
  finish(): Promise<Map<string, FedPartition<Bundle>>>;
}

export function pageFeed<Index extends FeedIndex, Bundle>(partitions: readonly Partition[], pagefind: PagefindApi<Index, Bundle>): PageFeed<Bundle> {
  type State = PartitionState<Index, Bundle>;
  const place = new Map<string, [State, number]>();
  const states = partitions.map((partition) => {
    const state: State = { partition, next: 0, waiting: new Map(), sent: [], digests: new Map() };
    partition.ids.forEach((id, at) => place.set(id, [state, at]));
    return state;
  });
  let inFlight = 0;
  const resumers: (() => void)[] = [];
  let failure: unknown;
  /**
   * The partition whose index Pagefind's service holds, from its first page until it is written:
   * one at a time, and the service is ended after each (`release`), since it keeps the memory of
   * every index it held until it exits (422 MB instead of about 300 MB at 10,000 reports). The
   * next partition's first pages, rendered while the last ones of this one still were, wait here.
   */
  let open: State | undefined;

  const settle = () => {
    inFlight--;
    while (inFlight < IN_FLIGHT_LIMIT && resumers.length > 0) resumers.shift()!();
  };

  /** `indexed`: the page's indexed part, all of it Pagefind reads. */
  function send(state: State, id: string, indexed: string): void {
    const sourcePath = pagePath(id);
    inFlight++;
    const sent = state.index!.then(async (index) => {
      const { errors, file } = await index.addHTMLFile({ sourcePath, content: indexed });
      if (errors.length > 0) throw new Error(`Pagefind addHTMLFile ${sourcePath} failed:\n  ${errors.join('\n  ')}`);
      if (file?.url !== `/${reportPath(id)}`) throw new Error(`Pagefind indexed ${sourcePath} as ${file?.url}, not /${reportPath(id)}`);
    });
    sent.then(settle, (error: unknown) => {
      failure ??= error;
      settle();
    });
    state.sent.push(sent);
  }

  /** Sends the partition's pages that are next in order, and writes it once all are sent. */
  function flush(state: State): void {
    // After a failure no partition is started in a new service: the build fails with it.
    if (failure) return;
    if (!state.index) {
      if (open || state.waiting.size === 0) return;
      open = state;
      state.index = pagefind.createIndex();
      // Handled here too: a service that cannot start fails the build, and no page waits on it.
      state.index.catch((error: unknown) => void (failure ??= error));
    }
    for (let ready = state.waiting.get(state.next); ready !== undefined; ready = state.waiting.get(state.next)) {
      state.waiting.delete(state.next);
      send(state, state.partition.ids[state.next]!, ready);
      state.next++;
    }
    if (state.next === state.partition.ids.length && !state.done) {
      const done = complete(state);
      state.done = done;
      // Awaited in finish(), which reports it; meanwhile no other partition is started.
      done.catch((error: unknown) => void (failure ??= error));
      const resume = () => {
        if (open === state) open = undefined;
        for (const other of states) flush(other);
      };
      done.then(resume, resume);
    }
  }

  function complete(state: State): Promise<FedPartition<Bundle>> {
    return (async () => {
      await Promise.all(state.sent);
      const index = await state.index!;
      try {
        const bundle = await pagefind.write(index, state.partition, state.digests);
        return { name: state.partition.name, digests: state.digests, bundle };
      } finally {
        try {
          await index.deleteIndex();
        } finally {
          await pagefind.release();
        }
      }
    })();
  }

  return {
    async add(id, html) {
      // Pagefind failed (its process killed for want of memory, say): nothing more is sent, and
      // finish() fails the build with it. Throwing here would not stop Astro, which logs a failed
      // page and renders the next: one error for every report page left.
      if (failure) return;
      const found = place.get(id);
      if (!found) return;
      const [state, at] = found;
      if (at < state.next || state.waiting.has(at)) throw new Error(`The report page ${pagePath(id)} was rendered twice in one build`);
      // Only the indexed part is kept until Pagefind has it: a whole page is about twice its size.
      const indexed = indexedPart(html);
      state.digests.set(pagePath(id), indexedPartDigest(indexed));
      state.waiting.set(at, indexed);
      flush(state);
      if (inFlight >= IN_FLIGHT_LIMIT) await new Promise<void>((resume) => resumers.push(resume));
    },
    async finish() {
      // A partition held back while another was open is sent (and maybe completed) after it.
      while (open?.done) await open.done.catch(() => {});
      const fed = new Map<string, FedPartition<Bundle>>();
      const results = await Promise.allSettled(states.map((state) => state.done ?? abandon(state)));
      if (failure) throw failure;
      for (const result of results) {
        if (result.status === 'rejected') throw result.reason;
        if (result.value) fed.set(result.value.name, result.value);
      }
      return fed;
    },
  };

  /** A partition not every page of which was fed: its index is dropped, and it is indexed from disk. */
  async function abandon(state: State): Promise<undefined> {
    if (!state.index) return undefined;
    await Promise.allSettled(state.sent);
    await (await state.index).deleteIndex();
    await pagefind.release();
    return undefined;
  }
}

/**
 * Whether the pages fed to a partition's index are the pages on disk: the same pages, each with
 * the same indexed part. `onDisk(page)` is the digest of the written page (or `missing`).
 */
export function fedPagesProblem(fed: FedPartition<unknown>, partition: Partition, onDisk: (page: string) => string): string | undefined {
  const label = partition.name === '' ? 'The search index' : `The search partition ${partition.name}`;
  if (fed.digests.size !== partition.ids.length) return `${label} was fed ${fed.digests.size} page(s) for ${partition.ids.length} report(s)`;
  for (const id of partition.ids) {
    const page = pagePath(id);
    const digest = fed.digests.get(page);
    if (digest === undefined) return `${label} was not fed the page ${page}`;
    if (onDisk(page) !== digest) {
      return `${label} was built from a page ${page} that differs from the one written to disk; the index does not match the site (please report this: Astro may have changed how it writes pages)`;
    }
  }
  return undefined;
}
