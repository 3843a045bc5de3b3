/**
 * What the pipeline takes from a reader: the shared SourceItem, plus the two fields a plain-text
 * release carries that the contract has no place for (its deck and its rights line), so nothing of
 * the release is dropped on the way to the report. Any reader may set them.
 */
import type { SourceItem } from '../readers/source-item.ts';

export interface ImportItem extends SourceItem {
  subtitle?: string;
  rights?: string;
}
