/**
 * The one place pages get reports from: loaded and sorted once per build, not once per route.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { sortNewestFirst } from '../archive/ordering.ts';

export type Report = CollectionEntry<'reports'>;

let cached: Promise<Report[]> | undefined;

export function allReports(): Promise<Report[]> {
  cached ??= getCollection('reports').then(sortNewestFirst);
  return cached;
}
