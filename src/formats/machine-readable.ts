/**
 * The archive as data: one JSON record per report (metadata, the formats it is published in, and
 * for the per-report file its Markdown and HTML), and an index of all reports. Paths are site
 * paths turned absolute by the caller's `absolute` (see src/urls/).
 */
import { toIsoDate } from '../reports/calendar-date.ts';
import { reportPath, reportFilePath } from '../urls/site-paths.ts';
import { REPORT_FORMATS, type ReportFormatKey } from './report-formats.ts';
import type { ReportData, UpdateKind } from '../reports/schema.ts';
import { latestUpdate, oldestFirst } from '../archive/report-updates.ts';
import type { PublishedAttachment } from '../reports/attachments/report-attachments.ts';
import type { PublishedLeadImage } from '../reports/lead-image/published-lead-image.ts';

/** Site paths of a report's page (`html`) and of each of its files, by format key. */
export type ReportFormats = { html: string } & Record<ReportFormatKey, string>;

/** Site paths (before the base) of everything a report is published as. */
export function reportFormatPaths(id: string): ReportFormats {
  const files = Object.fromEntries(REPORT_FORMATS.map((format) => [format.key, reportFilePath(id, format.extension)]));
  return { html: reportPath(id), ...files } as ReportFormats;
}

export interface ReportRecord {
  id: string;
  url: string;
  title: string;
  subtitle?: string;
  /** The byline, in the order credited (empty when the report names no authors: its source is the author). */
  authors: string[];
  date: string;
  source: { name: string; url?: string };
  summary?: string;
  topics: string[];
  organizations: string[];
  people: string[];
  language: string;
  rights?: string;
  /** The day of the latest correction or update (YYYY-MM-DD); absent when there is none. */
  updated?: string;
  /** Corrections and updates, oldest first; absent when there are none. */
  updates?: { date: string; kind: UpdateKind; note: string }[];
  formats: ReportFormats;
  /** Files published with the report, in the order the report lists them (empty when none). */
  attachments: AttachmentRecord[];
  /** The lead image's original file; absent when the report has none. */
  image?: ImageRecord;
}

export interface ImageRecord {
  url: string;
  mediaType: string;
  bytes: number;
  width: number;
  height: number;
  /** "" for a decorative image. */
  alt: string;
  caption?: string;
  credit?: string;
}

export type LeadImageInput = Pick<PublishedLeadImage, 'path' | 'mediaType' | 'bytes' | 'width' | 'height' | 'alt' | 'caption' | 'credit'>;

export interface AttachmentRecord {
  title: string;
  url: string;
  mediaType: string;
  bytes: number;
}

export function reportRecord(
  id: string,
  data: Omit<ReportData, 'image'>,
  absolute: (path: string) => string,
  attachments: readonly PublishedAttachment[] = [],
  image?: LeadImageInput,
): ReportRecord {
  const paths = reportFormatPaths(id);
  const formats = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, absolute(p)])) as unknown as ReportFormats;
  return {
    id,
    url: formats.html,
    title: data.title,
    ...(data.subtitle ? { subtitle: data.subtitle } : {}),
    authors: data.authors,
    date: toIsoDate(data.date),
    source: { ...data.source },
    ...(data.summary ? { summary: data.summary } : {}),
    topics: data.topics,
    organizations: data.organizations,
    people: data.people,
    language: data.language,
    ...(data.rights ? { rights: data.rights } : {}),
    ...updateFields(data.updates),
    formats,
    attachments: attachments.map((a) => ({ title: a.title, url: absolute(a.path), mediaType: a.type.mediaType, bytes: a.bytes })),
    ...(image
      ? {
          image: {
            url: absolute(image.path),
            mediaType: image.mediaType,
            bytes: image.bytes,
            width: image.width,
            height: image.height,
            alt: image.alt,
            ...(image.caption ? { caption: image.caption } : {}),
            ...(image.credit ? { credit: image.credit } : {}),
          },
        }
      : {}),
  };
}

/** Left out when empty, like the other optional fields: most reports are never corrected. */
function updateFields(updates: ReportData['updates']): Pick<ReportRecord, 'updated' | 'updates'> {
  const latest = latestUpdate(updates);
  if (!latest) return {};
  return {
    updated: toIsoDate(latest.date),
    updates: oldestFirst(updates).map((u) => ({ date: toIsoDate(u.date), kind: u.kind, note: u.note })),
  };
}

export interface ArchiveIndex {
  name: string;
  url: string;
  count: number;
  reports: ReportRecord[];
}
