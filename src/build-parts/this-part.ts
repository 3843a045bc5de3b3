/**
 * What pages ask about the part being built (src/build-parts/build-part.ts): whether a report's
 * page and files are published here, and whether the listings are. Routes filter their paths
 * with these; the whole build publishes everything.
 */
import { buildPart } from 'virtual:news-archive/build-part';
import { buildsListings, publishesReport } from './build-part.ts';

export function publishedHere(report: { id: string }): boolean {
  return publishesReport(buildPart, Number(report.id.split('/')[0]));
}

export function listingsHere(): boolean {
  return buildsListings(buildPart);
}
