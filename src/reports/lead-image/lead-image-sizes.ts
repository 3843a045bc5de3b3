/**
 * The sizes the lead image is shown at: the page's picture (widths up to the original's, never
 * upscaled) and the small thumbnail of listings and search results, cropped to one shape so a
 * list keeps its rhythm and the search page can reserve its box before the image arrives.
 */

/** The article column is at most 46rem (736 CSS px); up to about 2x of it on a dense screen. */
export const LEAD_IMAGE_WIDTHS = [480, 800, 1200, 1600] as const;
export const LEAD_IMAGE_SIZES = '(min-width: 50rem) 46rem, 100vw';

/** Widths to generate for an original `width` wide: the standard ones below it, and the original's own. */
export function leadImageWidths(width: number): number[] {
  const below = LEAD_IMAGE_WIDTHS.filter((w) => w < width);
  return width <= LEAD_IMAGE_WIDTHS.at(-1)! ? [...below, width] : [...LEAD_IMAGE_WIDTHS];
}

/** JPEG unless the original may have transparency. */
export function fallbackFormat(mediaType: string): 'png' | 'jpg' {
  return mediaType === 'image/png' || mediaType === 'image/gif' ? 'png' : 'jpg';
}

/** Shown at 96x64 CSS px; made at twice that for dense screens. */
export const THUMBNAIL = { width: 96, height: 64 } as const;


