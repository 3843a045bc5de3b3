/**
 * The archive as data: one JSON record per report (metadata, the formats it is published in, and
 * for the per-report file its Markdown and HTML), and an index of all reports. Paths are site
 * paths turned absolute by the caller's `absolute` (see urls.ts).
 */
import { toIsoDate } from '../reports/calendar-date.ts';
import { newsPath } from '../reports/report-path.ts';
import type { NewsData } from '../reports/schema.ts';

export interface ReportFormats {
  html: string;
  markdown: string;
  json: string;
  bibtex: string;
  ris: string;
  cslJson: string;
}

/** Site paths (before the base) of everything a report is published as. */
export function reportFormatPaths(id: string): ReportFormats {
  const stem = `news/${id}`;
  return {
    html: newsPath(id),
    markdown: `${stem}.md`,
    json: `${stem}.json`,
    bibtex: `${stem}.bib`,
    ris: `${stem}.ris`,
    cslJson: `${stem}.csl.json`,
  };
}

export interface ReportRecord {
  id: string;
  url: string;
  title: string;
  subtitle?: string;
  date: string;
  source: { name: string; url?: string };
  summary?: string;
  topics: string[];
  organizations: string[];
  people: string[];
  language: string;
  rights?: string;
  formats: ReportFormats;
}

export function reportRecord(id: string, data: NewsData, absolute: (path: string) => string): ReportRecord {
  const paths = reportFormatPaths(id);
  const formats = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, absolute(p)])) as unknown as ReportFormats;
  return {
    id,
    url: formats.html,
    title: data.title,
    ...(data.subtitle ? { subtitle: data.subtitle } : {}),
    date: toIsoDate(data.date),
    source: { ...data.source },
    ...(data.summary ? { summary: data.summary } : {}),
    topics: data.topics,
    organizations: data.organizations,
    people: data.people,
    language: data.language,
    ...(data.rights ? { rights: data.rights } : {}),
    formats,
  };
}

export interface ArchiveIndex {
  name: string;
  url: string;
  count: number;
  reports: ReportRecord[];
}
