/**
 * The archive the search tests run against: a few hundred deterministic synthetic reports plus
 * one report in Chinese, built once per test process. Tests compute what they expect from the
 * returned manifest, never from hard-coded results.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateArchive, type SyntheticReport } from '../bench/generate.ts';
import { buildOnce } from './build.ts';
import { report } from './fixtures.ts';
import { TMP } from './paths.ts';
import { compareIds } from '../../src/archive/ordering.ts';

export const SEARCH_ARCHIVE_SIZE = 300;

/** A word (质量, "quality") that only the Chinese fixture contains. */
export const CHINESE_QUERY = '质量';

const ZH_ID = '2019/hangtian-zhiliang-dahui';
const ZH: SyntheticReport = {
  id: ZH_ID,
  file: '',
  title: '航天科工召开质量工作大会',
  date: '2019-05-20',
  topics: ['Aerospace', 'Quality management'],
  organizations: ['CASIC'],
  people: ['Yuan Jie'],
  language: 'zh',
  rareWord: CHINESE_QUERY,
  headings: [],
};

const ZH_BODY = [
  '5月20日，中国航天科工集团有限公司召开质量工作大会，总结上一年度质量工作，部署下一阶段重点任务。',
  '会议要求各单位坚持“零缺陷”理念，把质量放在首位，持续提升产品可靠性。',
].join('\n\n');

/** A report that writes notation in words: code with "&lt;" and "<b>", "R&D", "5 < 6". */
const NOTATION: SyntheticReport = {
  id: '2018/notation-in-words',
  file: '',
  title: 'A standards notice writes its notation out',
  date: '2018-03-14',
  topics: ['Quality management'],
  organizations: ['CASIC'],
  people: [],
  language: 'en',
  rareWord: 'zqnotationvex',
  headings: [],
};

const NOTATION_BODY = 'The zqnotationvex notice writes `<b>` and `a &lt; b` as code, names R&D and AT&T, and says 5 < 6.';

/** What the notation report's page shows of its body (what its search excerpt must show too). */
export const NOTATION_TEXT = ['<b> and a &lt; b', 'R&D and AT&T', '5 < 6'];

export interface SearchArchive {
  contentDir: string;
  /** Every report, newest first, the Chinese one included. */
  reports: SyntheticReport[];
  zh: SyntheticReport;
  notation: SyntheticReport;
}

let pending: Promise<SearchArchive> | undefined;

/** Writes the archive (once per process) and returns its manifest. */
export function searchArchive(): Promise<SearchArchive> {
  pending ??= (async () => {
    const contentDir = path.join(TMP, 'archives', 'search');
    const reports = await generateArchive({ dir: contentDir, count: SEARCH_ARCHIVE_SIZE, seed: 4 });
    /** A hand-written report beside the generated ones: its front matter lines and body. */
    const writeReport = async <T extends { id: string; title: string; date: string }>(entry: T, source: string, fields: string[], body: string) => {
      const file = path.join(contentDir, `${entry.id}.md`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, report([`title: ${entry.title}`, `date: ${entry.date}`, `source: { name: ${source} }`, ...fields].join('\n'), body));
      return { ...entry, file };
    };
    const zh = await writeReport(
      ZH,
      '中国航天科工集团有限公司',
      [`topics: [${ZH.topics.join(', ')}]`, `organizations: [${ZH.organizations.join(', ')}]`, `people: [${ZH.people.join(', ')}]`, 'language: zh'],
      ZH_BODY,
    );
    const notation = await writeReport(NOTATION, 'CASIC', [`topics: [${NOTATION.topics.join(', ')}]`, `organizations: [${NOTATION.organizations.join(', ')}]`], NOTATION_BODY);
    const all = [...reports, zh, notation].sort((a, b) => b.date.localeCompare(a.date) || compareIds(a.id, b.id));
    return { contentDir, reports: all, zh, notation };
  })();
  return pending;
}

/** Builds the search archive at the site root or under a base path; once per process and base. */
export async function buildSearchArchive(base = '/', siteUrl?: string): Promise<{ siteDir: string; archive: SearchArchive }> {
  const archive = await searchArchive();
  const name = base === '/' ? 'search' : `search${base.replace(/\W+/g, '-')}`;
  const siteDir = await buildOnce(name, { contentDir: archive.contentDir, base, siteUrl });
  return { siteDir, archive };
}
