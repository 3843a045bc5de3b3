/**
 * Renders the per-report file endpoints (`.md`, `.json`, `.bib`, `.ris`, `.csl.json`: five per
 * report, 50,000 files at 10,000 reports) in one pass of their own instead of Astro's page loop.
 * In that loop each file costs what a page costs in bookkeeping: a request, a log line, a write
 * to the output and another to the incremental cache. At 10,000 reports that was 32 s of a 93 s
 * cold build; here the same endpoints, with the same code and props, take a few seconds.
 *
 * Through Astro's public prerenderer API: the default prerenderer is wrapped, these routes are
 * taken out of the paths it hands back, and they are rendered with it before it is torn down.
 * Like Astro's incremental build, a path whose cacheKey (its report's digest) is unchanged is not
 * rendered again, as long as the code is unchanged too: `codeInputs` (the source folder, config,
 * lock file) are hashed, and any change there renders every file again. A rendered file is
 * written only when its bytes changed or it is missing. `astro dev` serves the endpoints as it
 * always did.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { filesUnder } from './files-under.ts';

export interface ReportFilesOptions {
  /** Route components (as Astro names them, e.g. `src/pages/news/[year]/[slug].bib.ts`) to render here. */
  components: readonly string[];
  /** Files and folders (relative to the project root) whose content decides what the endpoints render. */
  codeInputs: readonly string[];
  /** Files rendered at once. */
  concurrency?: number;
  /** Called once every page of a successful page pass is written, before the report files are rendered. */
  whenPagesWritten?: () => void;
}

type PathWithRoute = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];

const MANIFEST = 'report-files.json';

/** What the last build rendered: the code's hash, and per file its cacheKey and its bytes' hash. */
interface Manifest {
  code: string;
  files: Record<string, [cacheKey: string | null, bytes: string]>;
}

const digest = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('base64url');

/** One hash of every file under the inputs (paths and contents). */
export async function codeHash(root: string, inputs: readonly string[]): Promise<string> {
  const hash = createHash('sha1');
  for (const input of inputs) {
    const at = path.join(root, input);
    const files = existsSync(at) && (await stat(at)).isDirectory() ? (await filesUnder(at)).sort().map((f) => path.join(input, f)) : [input];
    for (const file of files) {
      hash.update(file).update('\0');
      hash.update(existsSync(path.join(root, file)) ? await readFile(path.join(root, file)) : '(none)').update('\0');
    }
  }
  return hash.digest('base64url');
}

/** Files present in each folder, listed once per folder instead of checked once per file. */
function folderListing(): (file: string) => boolean {
  const listings = new Map<string, Set<string>>();
  return (file) => {
    const folder = path.dirname(file);
    let listing = listings.get(folder);
    if (!listing) {
      try {
        listing = new Set(readdirSync(folder));
      } catch {
        listing = new Set();
      }
      listings.set(folder, listing);
    }
    return listing.has(path.basename(file));
  };
}

export default function reportFilesIntegration(options: ReportFilesOptions): AstroIntegration & { producedFiles: () => string[] } {
  const components = new Set(options.components);
  let root = '';
  let outDir = '';
  let manifestFile = '';
  let base = '/';
  let origin = 'http://localhost';
  let files: string[] = [];

  async function renderAll(prerenderer: AstroPrerenderer, paths: PathWithRoute[], log: (message: string) => void): Promise<void> {
    const started = performance.now();
    const code = await codeHash(root, options.codeInputs);
    const last: Manifest | undefined = existsSync(manifestFile) ? JSON.parse(await readFile(manifestFile, 'utf8')) : undefined;
    const previous = last?.code === code ? last.files : {};
    const next: Manifest = { code, files: {} };
    const present = folderListing();
    const madeFolders = new Set<string>();
    let rendered = 0;
    let written = 0;
    let at = 0;
    const renderNext = async (): Promise<void> => {
      while (at < paths.length) {
        const { pathname, route, cacheKey } = paths[at++]!;
        // A route whose extension comes with its last parameter (an attachment, `[attachment].ts`)
        // gets the directory format's trailing slash from Astro; it is a file all the same.
        const relative = pathname.replace(/^\//, '').replace(/\/$/, '');
        const file = path.join(outDir, relative);
        const before = previous[relative];
        if (cacheKey !== undefined && before?.[0] === cacheKey && present(file)) {
          next.files[relative] = before;
          continue;
        }
        const url = new URL(`${base}${pathname.replace(/^\//, '')}`, origin);
        const result = await prerenderer.render(new Request(url), { routeData: route });
        const response = result instanceof Response ? result : result.response;
        if (response.status !== 200 || !response.body) {
          throw new Error(`${route.component} answered ${pathname} with status ${response.status}${response.body ? '' : ' and no body'}`);
        }
        const bytes = new Uint8Array(await response.arrayBuffer());
        const hash = digest(bytes);
        next.files[relative] = [cacheKey ?? null, hash];
        rendered++;
        if (before?.[1] === hash && present(file)) continue;
        const folder = path.dirname(file);
        if (!madeFolders.has(folder)) {
          mkdirSync(folder, { recursive: true });
          madeFolders.add(folder);
        }
        // Synchronously: for tens of thousands of small files, a promise write (open, write and
        // close, each a round trip through libuv's threads) costs three to four times the time
        // and CPU of a synchronous one, and nothing else waits on this thread meanwhile.
        writeFileSync(file, bytes);
        written++;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 16 }, renderNext));
    await mkdir(path.dirname(manifestFile), { recursive: true });
    await writeFile(manifestFile, JSON.stringify(next));
    files = Object.keys(next.files);
    const unchanged = paths.length - rendered;
    log(
      `report files: ${rendered} of ${paths.length} rendered (${unchanged} unchanged since the last build), ${written} written, in ${Math.round(performance.now() - started)} ms`,
    );
  }

  return {
    name: 'news-archive:report-files',
    /** Every report file of this build, written now or kept from the last (relative to the output folder). */
    producedFiles: () => files,
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        outDir = fileURLToPath(config.outDir);
        manifestFile = fileURLToPath(new URL(MANIFEST, config.cacheDir));
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        origin = config.site ?? origin;
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        files = [];
        setPrerenderer((defaults) => {
          let bulk: PathWithRoute[] = [];
          let pagesWritten = false;
          return {
            ...defaults,
            name: `${defaults.name}+report-files`,
            setup: () => defaults.setup?.() ?? Promise.resolve(),
            async getStaticPaths() {
              const all = await defaults.getStaticPaths();
              bulk = all.filter((p) => components.has(p.route.component));
              return all.filter((p) => !components.has(p.route.component));
            },
            render: (request, renderOptions) => defaults.render(request, renderOptions),
            // Astro asks for the prerenderer's images once every page is written and its
            // incremental cache recorded, and only then: teardown also runs after a failed page.
            async collectStaticImages() {
              const images = (await defaults.collectStaticImages?.()) ?? new Map();
              pagesWritten = true;
              return images;
            },
            async teardown() {
              try {
                if (pagesWritten) options.whenPagesWritten?.();
                if (bulk.length > 0) await renderAll(defaults, bulk, (message) => logger.info(message));
              } finally {
                await defaults.teardown?.();
              }
            },
          };
        });
      },
    },
  };
}
