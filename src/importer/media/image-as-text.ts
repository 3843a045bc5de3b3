/**
 * What stands for an image that is neither imported nor linkable (an embedded `data:` image, one
 * with no usable address, one at a relative path that was not copied): its words, the alt text the
 * publisher wrote, and where it was, so that neither the words nor the reference are lost.
 */
export function imageAsText(alt: string, url: string): string {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  // A relative path helps the editor find the file; an address the site cannot use (`javascript:`,
  // `file:` on the writer's computer) would be noise in the article: only its kind is said.
  const where =
    scheme === 'data' ? 'an embedded data: image'
    : url.trim() === '' ? 'an image without an address'
    : scheme !== undefined && scheme !== 'http' && scheme !== 'https' ? `an image at a ${scheme}: address`
    : `image ${url}`;
  return alt ? `${alt} (${where}, not imported)` : `(${where}, not imported)`;
}
