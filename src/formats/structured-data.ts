/**
 * JSON-LD for report pages: a schema.org NewsArticle and the BreadcrumbList of Home > year >
 * report. Topics are what the article is `about`; people and organizations are `mentions`.
 * The report's source (the organization that issued it) is its `author`, unless the report names
 * its authors: then they are the `author` (Persons), and the source is their `sourceOrganization`.
 * URLs arrive absolute (see urls.ts), so this module knows nothing of the base path.
 * A corrected or updated report has `dateModified` (its latest note, of either kind) and each
 * correction as a `CorrectionComment` (schema.org's `correction`); updates have no such type.
 */
import { toIsoDate } from '../reports/calendar-date.ts';
import type { ReportUpdate } from '../reports/schema.ts';
import { latestUpdate, oldestFirst } from '../archive/report-updates.ts';

export interface LinkedName {
  name: string;
  url: string;
}

export interface Named {
  name: string;
}

export interface NewsArticleInput {
  title: string;
  subtitle?: string;
  date: Date;
  url: string;
  language: string;
  source: { name: string; url?: string };
  /** The byline, in the order credited: none (the default) credits the source alone. */
  authors?: readonly string[];
  rights?: string;
  publisher: { name: string; url: string };
  topics: Named[];
  organizations: Named[];
  people: Named[];
  /** Corrections and updates, in any order. */
  updates?: readonly ReportUpdate[];
  /** The lead image, its URL absolute. */
  image?: ImageInput | undefined;
}

export interface ImageInput {
  url: string;
  width: number;
  height: number;
  caption?: string | undefined;
  credit?: string | undefined;
}

export function imageObject(i: ImageInput): Record<string, unknown> {
  return {
    '@type': 'ImageObject',
    url: i.url,
    width: i.width,
    height: i.height,
    ...(i.caption ? { caption: i.caption } : {}),
    ...(i.credit ? { creditText: i.credit } : {}),
  };
}

export function newsArticle(a: NewsArticleInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title,
    datePublished: toIsoDate(a.date),
    ...modified(a.updates ?? []),
    url: a.url,
    ...(a.image ? { image: imageObject(a.image) } : {}),
    inLanguage: a.language,
    ...credit(a),
    publisher: { '@type': 'Organization', name: a.publisher.name, url: a.publisher.url },
    // Names only: each term's page is linked in the report's own HTML; URLs here would double the bytes.
    about: a.topics.map((t) => ({ '@type': 'Thing', name: t.name })),
    mentions: [
      ...a.people.map((p) => ({ '@type': 'Person', name: p.name })),
      ...a.organizations.map((o) => ({ '@type': 'Organization', name: o.name })),
    ],
  };
}

function credit(a: NewsArticleInput): Record<string, unknown> {
  const source = { '@type': 'Organization', name: a.source.name, ...(a.source.url ? { url: a.source.url } : {}) };
  if (!a.authors?.length) return { author: source };
  return { author: a.authors.map((name) => ({ '@type': 'Person', name })), sourceOrganization: source };
}

function modified(updates: readonly ReportUpdate[]): Record<string, unknown> {
  const latest = latestUpdate(updates);
  if (!latest) return {};
  const corrections = oldestFirst(updates).filter((u) => u.kind === 'correction');
  return {
    dateModified: toIsoDate(latest.date),
    ...(corrections.length > 0
      ? { correction: corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.note, datePublished: toIsoDate(c.date) })) }
      : {}),
  };
}

export function breadcrumbList(crumbs: LinkedName[]): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: c.url })),
  };
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no text can close the element. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
