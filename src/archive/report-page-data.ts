/**
 * What a report page shows beyond the report itself: links to its terms, breadcrumbs, the
 * reports before and after it, related reports, reading time, citation and structured data.
 * Assembled here so the layout only renders.
 */
import type { Report } from '../reports/all-reports.ts';
import { archive, neighbours, related } from './archive-data.ts';
import { termsOf, type TermKind } from './taxonomy.ts';
import { minutesForWords } from '../reports/reading-time.ts';
import { wordCount } from './archive-data.ts';
import { chicagoCitation, type CitationInput } from '../formats/citation.ts';
import { breadcrumbList, newsArticle, jsonLdText } from '../formats/structured-data.ts';
import { reportFormatPaths } from '../formats/machine-readable.ts';
import { siteConfig } from '../site.config.ts';
import { absolute, reportUrl, url } from '../urls/site-urls.ts';
import { newsPath } from '../reports/report-path.ts';

export function citationInput(report: Report): CitationInput {
  const { title, subtitle, date, source, language, summary, topics } = report.data;
  return {
    id: report.id,
    title,
    subtitle,
    date,
    author: source.name,
    container: siteConfig.name,
    url: absolute(newsPath(report.id)),
    language,
    summary,
    keywords: topics,
  };
}

export async function reportPage(report: Report) {
  const { taxonomy } = await archive();
  const year = String(report.data.date.getUTCFullYear());
  const terms = (kind: TermKind) => termsOf(taxonomy, report, kind).map((t) => ({ name: t.name, href: url(t.path), url: absolute(t.path) }));
  const [topics, organizations, people] = [terms('topic'), terms('organization'), terms('person')];
  const crumbs = [
    { name: 'Home', href: url(), url: absolute('') },
    { name: year, href: url(`news/${year}/`), url: absolute(`news/${year}/`) },
    { name: report.data.title, href: reportUrl(report.id), url: absolute(newsPath(report.id)) },
  ];
  const { title, subtitle, date, language, source, rights } = report.data;
  const jsonLd = [
    newsArticle({
      title, subtitle, date, language, source, rights,
      url: absolute(newsPath(report.id)),
      publisher: { name: siteConfig.publisher, url: absolute('') },
      topics, organizations, people,
    }),
    breadcrumbList(crumbs),
  ].map(jsonLdText);
  const formats = reportFormatPaths(report.id);
  return {
    topics,
    organizations,
    people,
    crumbs,
    ...(await neighbours(report)),
    related: await related(report),
    minutes: minutesForWords(wordCount(report)),
    citation: chicagoCitation(citationInput(report)),
    downloads: [
      { label: 'BibTeX', href: url(formats.bibtex), type: 'application/x-bibtex' },
      { label: 'RIS', href: url(formats.ris), type: 'application/x-research-info-systems' },
      { label: 'CSL-JSON', href: url(formats.cslJson), type: 'application/vnd.citationstyles.csl+json' },
      { label: 'Markdown source', href: url(formats.markdown), type: 'text/markdown' },
      { label: 'JSON', href: url(formats.json), type: 'application/json' },
    ],
    jsonLd,
  };
}
