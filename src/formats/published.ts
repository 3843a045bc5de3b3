/**
 * The archive's machine-readable files, made once per build: the three feeds of the newest
 * reports, the corrections feed and the JSON index of every report.
 */
import { allReports, type Report } from '../reports/all-reports.ts';
import { buildCorrectionsFeed, buildFeeds, type FeedFiles, type FeedImage } from './feeds.ts';
import { correctionsNewestFirst, latestUpdate } from '../archive/report-updates.ts';
import { reportRecord, type ArchiveIndex } from './machine-readable.ts';
import { CORRECTIONS_FEED, CORRECTIONS_PATH, FEED_FILES, reportPath } from '../urls/site-paths.ts';
import { siteConfig } from '../site.config.ts';
import { absolute, feedAbsolute } from '../urls/site-urls.ts';
import { reportAttachments } from '../reports/attachments/report-attachments.ts';
import { publishedReportHtml } from '../archive/archive-data.ts';
import { publishedLeadImage } from '../reports/lead-image/published-lead-image.ts';

function feedImage(report: Report): FeedImage | undefined {
  const image = publishedLeadImage(report);
  return image && { url: feedAbsolute(image.path), bytes: image.bytes, mediaType: image.mediaType };
}

let feeds: Promise<FeedFiles> | undefined;

export function feedFiles(): Promise<FeedFiles> {
  feeds ??= allReports().then(async (reports) => {
    const newest = reports.slice(0, siteConfig.feedSize);
    const html = await Promise.all(newest.map((report) => publishedReportHtml(report, feedAbsolute)));
    return buildFeeds(
      {
        title: siteConfig.name,
        description: siteConfig.description,
        language: siteConfig.locale,
        home: feedAbsolute(''),
        links: { rss: feedAbsolute(FEED_FILES.rss), atom: feedAbsolute(FEED_FILES.atom), json: feedAbsolute(FEED_FILES.json) },
        favicon: feedAbsolute('favicon.svg'),
        publisher: siteConfig.publisher,
      },
      newest.map((report, i) => ({
        id: report.id,
        title: report.data.title,
        url: feedAbsolute(reportPath(report.id)),
        date: report.data.date,
        updated: latestUpdate(report.data.updates)?.date,
        summary: report.data.summary ?? report.data.subtitle,
        html: html[i]!,
        author: report.data.source.name,
        authors: report.data.authors,
        categories: report.data.topics,
        image: feedImage(report),
      })),
    );
  });
  return feeds;
}

/** The corrections feed: every correction, newest first, up to the feed size. */
export async function correctionsFeed(): Promise<string> {
  const corrections = correctionsNewestFirst(await allReports()).slice(0, siteConfig.feedSize);
  return buildCorrectionsFeed(
    {
      title: `${siteConfig.name}: corrections`,
      home: feedAbsolute(CORRECTIONS_PATH),
      self: feedAbsolute(CORRECTIONS_FEED),
      language: siteConfig.locale,
      favicon: feedAbsolute('favicon.svg'),
      publisher: siteConfig.publisher,
    },
    corrections.map((c) => ({
      title: c.title,
      url: feedAbsolute(`${reportPath(c.reportId)}#${c.anchor}`),
      date: c.date,
      note: c.note,
    })),
  );
}

export async function archiveIndex(): Promise<ArchiveIndex> {
  const reports = await allReports();
  return {
    name: siteConfig.name,
    url: absolute(''),
    count: reports.length,
    reports: reports.map((r) => reportRecord(r.id, r.data, absolute, reportAttachments(r), publishedLeadImage(r))),
  };
}
