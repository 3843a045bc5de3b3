/**
 * Topics, organizations and people as browsable terms: each name gets a slug (see term-slug.ts),
 * a site path and its reports, newest first. Built in one pass over the archive.
 */
import { assignSlugs } from './term-slug.ts';
import { TERM_FOLDERS, termPath } from '../urls/site-paths.ts';

export interface Tagged {
  id: string;
  data: { date: Date; topics: string[]; organizations: string[]; people: string[] };
}

export const TERM_KINDS = [
  { kind: 'topic', field: 'topics', path: TERM_FOLDERS.topic, plural: 'Topics', singular: 'Topic' },
  { kind: 'organization', field: 'organizations', path: TERM_FOLDERS.organization, plural: 'Organizations', singular: 'Organization' },
  { kind: 'person', field: 'people', path: TERM_FOLDERS.person, plural: 'People', singular: 'Person' },
] as const;

export type TermKindInfo = (typeof TERM_KINDS)[number];
export type TermKind = TermKindInfo['kind'];

export interface Term<T> {
  kind: TermKind;
  name: string;
  slug: string;
  /** Site path of the term's first page, before the base: topics/aerospace/. */
  path: string;
  /** Newest first. */
  items: T[];
}

export interface TermIndex<T> {
  info: TermKindInfo;
  /** Sorted by name, for index pages. */
  terms: Term<T>[];
  byName: Map<string, Term<T>>;
}

export type Taxonomy<T> = Record<TermKind, TermIndex<T>>;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function indexKind<T extends Tagged>(info: TermKindInfo, newestFirst: readonly T[]): TermIndex<T> {
  const appearance: string[] = [];
  // One name at a time: spreading a long list into push() passes it as arguments, and enough of
  // them overflow the stack.
  for (let i = newestFirst.length - 1; i >= 0; i--) for (const name of newestFirst[i]!.data[info.field]) appearance.push(name);
  const slugs = assignSlugs(appearance);
  const byName = new Map<string, Term<T>>();
  for (const [name, slug] of slugs) byName.set(name, { kind: info.kind, name, slug, path: termPath(info.kind, slug), items: [] });
  for (const item of newestFirst) {
    // A name listed twice in one report still counts that report once.
    for (const name of new Set(item.data[info.field])) byName.get(name)!.items.push(item);
  }
  const terms = [...byName.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1));
  return { info, terms, byName };
}

export function buildTaxonomy<T extends Tagged>(newestFirst: readonly T[]): Taxonomy<T> {
  const [topic, organization, person] = TERM_KINDS.map((info) => indexKind(info, newestFirst));
  return { topic: topic!, organization: organization!, person: person! };
}

/** The terms of one report, in the order the report lists them. */
export function termsOf<T extends Tagged>(taxonomy: Taxonomy<T>, item: T, kind: TermKind): Term<T>[] {
  const index = taxonomy[kind];
  return [...new Set(item.data[index.info.field])].map((name) => index.byName.get(name)!);
}
