/**
 * The yardstick of issue 14: Hugo + Pagefind over the same generated archive, built in the same
 * bench run, so every ratio compares like with like on one machine in one sitting.
 *
 * The Hugo site is deliberately minimal but does the same kinds of work: a page per report (title,
 * date, body with its tables and footnotes), year sections, term pages for topics, organizations
 * and people, paginated lists of the same page sizes as ours, and a Pagefind index over the report
 * pages only (`data-pagefind-body` on the article, as ours). It reads the generated Markdown where
 * it lies (`contentDir`), so nothing is copied.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { siteConfig } from '../../src/site.config.ts';
import { ROOT } from '../support/paths.ts';
import { runMeasured } from './process-tree.ts';

export interface ProcessRun {
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

export interface HugoBaseline {
  hugoVersion: string;
  hugo: ProcessRun;
  pagefind: ProcessRun;
  /** Hugo then Pagefind, one after the other. */
  totalSeconds: number;
  totalCpuSeconds: number;
  /** They run one after the other, so the peak of the pair is the larger of the two. */
  peakRssBytes: number;
}

const LAYOUTS: Record<string, string> = {
  '_default/baseof.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
`,
  '_default/single.html': `{{ define "main" }}<article data-pagefind-body>
<h1>{{ .Title }}</h1><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}
<ul>{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
`,
  '_default/list.html': `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
`,
  '_default/terms.html': `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
`,
  'index.html': `{{ define "main" }}<h1>Reports</h1>
<ul>{{ range (.Paginate (where .Site.RegularPages "Type" "ne" "page") ${siteConfig.pageSizes.home}).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
};

function hugoConfig(contentDir: string): string {
  return JSON.stringify(
    {
      baseURL: 'http://localhost/',
      languageCode: 'en',
      title: siteConfig.name,
      contentDir,
      paginate: siteConfig.pageSizes.archive,
      disableKinds: ['RSS', 'sitemap', 'robotsTXT', '404'],
      taxonomies: { topic: 'topics', organization: 'organizations', person: 'people' },
      markup: { goldmark: { renderer: { unsafe: false } } },
    },
    null,
    2,
  );
}

const HUGO = process.env.HUGO_PATH ?? 'hugo';

/** Debian's Hugo, installed on first use (the bench runs as root on these machines). */
export function ensureHugo(): string {
  const version = spawnSync(HUGO, ['version'], { encoding: 'utf8' });
  if (version.status === 0) return version.stdout.trim();
  const install = spawnSync('apt-get', ['install', '-y', 'hugo'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install.status !== 0) {
    throw new Error(`Hugo is needed for the comparison and could not be installed (apt-get install -y hugo): ${install.stderr.slice(-500)}; run the bench with --no-hugo to skip it`);
  }
  return spawnSync(HUGO, ['version'], { encoding: 'utf8' }).stdout.trim();
}

async function timedProcess(command: string, args: string[], cwd: string, logFile: string): Promise<ProcessRun> {
  const { code, output, seconds, cpuSeconds, peakRssBytes } = await runMeasured(command, args, { cwd }, logFile);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}); log: ${logFile}\n${output.slice(-2000)}`);
  return { seconds, cpuSeconds, peakRssBytes };
}

/** Builds the Hugo site over `contentDir` in `workDir/hugo`, then indexes it with Pagefind's CLI. */
export async function hugoBaseline(contentDir: string, workDir: string, expectedPages: number): Promise<HugoBaseline> {
  const hugoVersion = ensureHugo();
  const siteDir = path.join(workDir, 'hugo');
  await rm(siteDir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(LAYOUTS)) {
    await mkdir(path.dirname(path.join(siteDir, 'layouts', file)), { recursive: true });
    await writeFile(path.join(siteDir, 'layouts', file), text);
  }
  await writeFile(path.join(siteDir, 'config.json'), hugoConfig(contentDir));
  const hugo = await timedProcess(HUGO, ['--quiet', '--destination', 'public'], siteDir, path.join(workDir, 'hugo.log'));
  const pagefindBin = path.join(ROOT, 'node_modules/.bin/pagefind');
  const pagefind = await timedProcess(pagefindBin, ['--site', 'public'], siteDir, path.join(workDir, 'hugo-pagefind.log'));
  const indexed = Number(/Indexed (\d+) pages?/.exec(await readFile(path.join(workDir, 'hugo-pagefind.log'), 'utf8'))?.[1]);
  if (indexed !== expectedPages) throw new Error(`Pagefind indexed ${indexed} Hugo pages, expected ${expectedPages}: see ${workDir}/hugo-pagefind.log`);
  return {
    hugoVersion,
    hugo,
    pagefind,
    totalSeconds: hugo.seconds + pagefind.seconds,
    totalCpuSeconds: hugo.cpuSeconds + pagefind.cpuSeconds,
    peakRssBytes: Math.max(hugo.peakRssBytes, pagefind.peakRssBytes),
  };
}
