/** The thumbnail of listings and search results, made by Astro's image service (see lead-image-sizes.ts). */
import { getImage } from 'astro:assets';
import type { PublishedLeadImage } from './published-lead-image.ts';
import { THUMBNAIL } from './lead-image-sizes.ts';

export interface Thumbnail {
  src: string;
  width: number;
  height: number;
  alt: string;
}

export async function leadThumbnail(image: PublishedLeadImage): Promise<Thumbnail> {
  const made = await getImage({ src: image.metadata, width: THUMBNAIL.width * 2, height: THUMBNAIL.height * 2, fit: 'cover', format: 'webp' });
  return { src: made.src, ...THUMBNAIL, alt: image.alt };
}
