/**
 * A small archive that exercises every presentational feature a page can have: synthetic reports
 * (tables, lists, footnotes, headings, many topics and people), the real first report, a report in
 * Chinese (corrected and updated), and one with a very wide table and long links. Built once per test file that needs it.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateArchive } from '../bench/generate.ts';
import { buildOnce } from './build.ts';
import { report } from './fixtures.ts';
import { pageTypes } from './site-pages.ts';
import { openSiteSession, type SiteSession } from './browser.ts';
import { ROOT, TMP } from './paths.ts';

const WIDE_TABLE =
  '| Programme | Budget 2019 (million) | Budget 2020 (million) | Change | Responsible organization | Notes |\n' +
  '| --- | ---: | ---: | ---: | --- | --- |\n' +
  '| Satellite navigation ground segment modernisation | 1,250.5 | 1,410.0 | +12.8% | National Space Agency | Phase two of the programme |\n' +
  '| Quality management digital platform | 310.0 | 295.2 | -4.8% | Ministry of Industry | Merged with the supply-chain platform |';

export const SHOWCASE_REPORTS = {
  chinese: 'news/2021/zhongwen-baodao/',
  wideTable: 'news/2022/wide-table-and-long-links/',
  first: 'news/2020/casic-holds-2020-aerospace-defense-conference/',
} as const;

/** The files the wide-table report attaches, beside it in a folder named after it, by name. */
export const SHOWCASE_ATTACHMENTS = {
  'budget-statement-2022.pdf': { title: 'Budget statement 2022', bytes: 1_234_567, listed: 'PDF, 1.2 MB' },
  'budget-figures.csv': { title: 'The figures as a table', bytes: 812, listed: 'CSV, 812 bytes' },
} as const;

function attachmentBytes(name: string, bytes: number): Buffer {
  // A recognisable start, then filler: only the size and the bytes themselves are checked.
  const head = Buffer.from(name.endsWith('.pdf') ? '%PDF-1.4\n' : 'programme,budget\n');
  return Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x41)]);
}

async function writeShowcaseArchive(name: string): Promise<string> {
  const dir = path.join(TMP, 'archives', name);
  await generateArchive({ dir, count: 40, seed: 6 });
  const extra: Record<string, string> = {
    '2021/zhongwen-baodao.md': report(
      // Corrected and updated, in its own language, so the notes, the corrections page and their mixed languages are checked too.
      `title: 航天科工召开2021年质量工作会议\nsubtitle: 坚持质量第一\ndate: 2021-03-15\nsource:\n  name: 中国航天科工集团\nlanguage: zh\ntopics: [Aerospace]\npeople: [Yuan Jie]\nupdates:\n  - { date: 2021-03-16, kind: correction, note: 会议日期更正为3月15日。 }\n  - { date: 2021-03-20, kind: update, note: 增加了会议照片说明。 }`,
      '3月15日，航天科工召开2021年质量工作会议，总结2020年质量工作，部署2021年重点任务。\n\n会议要求，坚持“零缺陷”目标，全面提升产品质量。',
    ),
    '2022/wide-table-and-long-links.md': report(
      `title: Budget figures for the satellite and quality programmes, with a table wider than any phone\ndate: 2022-05-02\nsource:\n  name: Ministry of Industry\n  url: https://example.org/releases/2022/05/02/budget-figures-for-the-satellite-and-quality-programmes\nsummary: The budget table of two programmes, and where the figures come from.\ntopics: [Finance, Satellites, Quality management]\norganizations: [Ministry of Industry, National Space Agency]\nattachments:\n${Object.entries(SHOWCASE_ATTACHMENTS).map(([name, a]) => `  - { file: ./wide-table-and-long-links/${name}, title: ${a.title} }`).join('\n')}`,
      `The ministry published the budget figures below.[^1]\n\n${WIDE_TABLE}\n\nThe full statistical release is at https://example.org/statistics/annual-release-2022-with-a-very-long-address-that-does-not-break-naturally/index.html for reference.\n\n## Method\n\n- Figures are in current prices.\n- Changes are year on year.\n\n> Figures for 2020 are provisional.\n\n[^1]: Ministry of Industry, annual budget statement.`,
    ),
  };
  for (const [relative, text] of Object.entries(extra)) {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await writeFile(path.join(dir, relative), text);
  }
  await mkdir(path.join(dir, '2022/wide-table-and-long-links'), { recursive: true });
  for (const [name, a] of Object.entries(SHOWCASE_ATTACHMENTS)) {
    await writeFile(path.join(dir, '2022/wide-table-and-long-links', name), attachmentBytes(name, a.bytes));
  }
  await mkdir(path.join(dir, '2020'), { recursive: true });
  await copyFile(
    path.join(ROOT, 'content/news/2020/casic-holds-2020-aerospace-defense-conference.md'),
    path.join(dir, '2020/casic-holds-2020-aerospace-defense-conference.md'),
  );
  return dir;
}

const builds = new Map<string, Promise<string>>();

/** Builds the showcase archive for the given base path, once per process; returns the output folder. */
export function buildShowcase(base = '/'): Promise<string> {
  const name = `showcase${base === '/' ? '' : base.replace(/\//g, '-').replace(/-$/, '')}`;
  let pending = builds.get(name);
  if (!pending) {
    pending = writeShowcaseArchive(name).then((contentDir) => buildOnce(name, { contentDir, base }));
    builds.set(name, pending);
  }
  return pending;
}

/** One page of each type the build has, plus the showcase's special reports (wide table, Chinese). */
export async function showcasePagesToCheck(siteDir: string): Promise<string[]> {
  const types = await pageTypes(siteDir);
  return [...new Set([...types.map((t) => t.representative.sitePath), ...Object.values(SHOWCASE_REPORTS)])];
}

/** The showcase built at the root and served, Chromium open, and the pages to visit on it. */
export async function openShowcase(): Promise<{ session: SiteSession; pagesToCheck: string[] }> {
  const siteDir = await buildShowcase('/');
  return { session: await openSiteSession(siteDir, '/'), pagesToCheck: await showcasePagesToCheck(siteDir) };
}
