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
import { DOWNLOAD_ORDER, type ReportFormatKey } from '../formats/report-formats.ts';
import { anchoredUpdates, latestUpdate } from './report-updates.ts';
import { siteConfig } from '../site.config.ts';
import { reportAttachments } from '../reports/attachments/report-attachments.ts';
import { publishedLeadImage } from '../reports/lead-image/published-lead-image.ts';
import { leadThumbnail } from '../reports/lead-image/lead-image-views.ts';
import { formatBytes } from './numbers.ts';
import { bylineParts } from './byline.ts';
import { absolute, reportUrl, url } from '../urls/site-urls.ts';
import { reportPath, yearPath } from '../urls/site-paths.ts';

export function citationInput(report: Report): CitationInput {
  const { title, subtitle, authors, date, source, language, summary, topics } = report.data;
  return {
    id: report.id,
    title,
    subtitle,
    date,
    author: source.name,
    authors,
    container: siteConfig.name,
    url: absolute(reportPath(report.id)),
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
    { name: year, href: url(yearPath(year)), url: absolute(yearPath(year)) },
    { name: report.data.title, href: reportUrl(report.id), url: absolute(reportPath(report.id)) },
  ];
  const { title, subtitle, authors, date, language, source, rights, updates } = report.data;
  const leadImage = publishedLeadImage(report);
  const imageUrl = leadImage && absolute(leadImage.path);
  const jsonLd = [
    newsArticle({
      title, subtitle, date, language, source, authors, rights, updates,
      url: absolute(reportPath(report.id)),
      publisher: { name: siteConfig.publisher, url: absolute('') },
      topics, organizations, people,
      image: leadImage && {
        url: imageUrl!,
        width: leadImage.width,
        height: leadImage.height,
        caption: leadImage.caption,
        credit: leadImage.credit,
      },
    }),
    breadcrumbList(crumbs),
  ].map(jsonLdText);
  const formats = reportFormatPaths(report.id);
  const notes = anchoredUpdates(updates);
  return {
    /** "By Jane Doe and John Smith", in parts (the names apart); empty for a report without authors. */
    byline: bylineParts(authors),
    topics,
    organizations,
    people,
    crumbs,
    ...(await neighbours(report)),
    related: await related(report),
    minutes: minutesForWords(wordCount(report)),
    citation: chicagoCitation(citationInput(report)),
    attachments: reportAttachments(report).map((a) => ({
      title: a.title,
      href: url(a.path),
      mediaType: a.type.mediaType,
      description: `${a.type.label}, ${formatBytes(a.bytes)}`,
    })),
    downloads: DOWNLOAD_ORDER.map((format) => ({ label: format.label, href: url(formats[format.key as ReportFormatKey]), type: format.mediaType })),
    jsonLd,
    leadImage,
    /** og:image and twitter:image. */
    previewImage: leadImage && { url: imageUrl!, width: leadImage.width, height: leadImage.height, alt: leadImage.alt },
    /** What search results show beside the report (the page's hidden Pagefind metadata). */
    searchThumbnail: leadImage && (await leadThumbnail(leadImage)),
    /** Corrections and updates, oldest first, each with its anchor; the latest for the dateline. */
    updates: notes,
    latestUpdate: latestUpdate(notes),
  };
}
