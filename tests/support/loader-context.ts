/** A stand-in for the context Astro gives a content loader: an in-memory store and a logger that records. */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';

export interface StoredEntry {
  id: string;
  digest?: string;
  filePath?: string;
  body?: string;
  data: Record<string, unknown>;
  rendered?: { html: string; metadata?: Record<string, unknown> & { words?: number } };
}

export interface FakeLoaderOptions {
  /** The project root Astro would report (paths in the store are relative to it). */
  root: string;
  logged?: string[];
  warned?: string[];
  /** Stands in for the collection's schema; marks data as parsed by default. */
  parseData?: (input: { id: string; data: Record<string, unknown> }) => Promise<Record<string, unknown>>;
}

export function fakeLoaderContext({ root, logged = [], warned = [], parseData }: FakeLoaderOptions) {
  const entries = new Map<string, StoredEntry>();
  const context = {
    collection: 'reports',
    config: { root: pathToFileURL(`${root}/`), image: {}, markdown: { syntaxHighlight: false, shikiConfig: {}, gfm: true, smartypants: true } },
    logger: { error: (m: string) => logged.push(m), warn: (m: string) => warned.push(m), info: () => {}, debug: () => {} },
    generateDigest: (text: string) => createHash('sha1').update(text).digest('hex'),
    parseData: parseData ?? (async ({ data }: { data: Record<string, unknown> }) => ({ ...data, parsed: true })),
    entryTypes: new Map([
      [
        '.md',
        {
          getEntryInfo: async ({ contents }: { contents: string }) => {
            const [, frontmatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(contents)!;
            return { data: parseYaml(frontmatter!) as Record<string, unknown>, body: body!.trim() };
          },
        },
      ],
    ]),
    store: {
      get: (id: string) => entries.get(id),
      // Like Astro's store: a set with the digest already stored changes nothing.
      set: (entry: StoredEntry) => {
        if (entry.digest && entries.get(entry.id)?.digest === entry.digest) return false;
        entries.set(entry.id, entry);
        return true;
      },
      keys: () => [...entries.keys()],
      delete: (id: string) => void entries.delete(id),
    },
  };
  return { context: context as unknown as LoaderContext, entries };
}
