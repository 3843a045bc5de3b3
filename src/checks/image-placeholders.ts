/**
 * Astro's Markdown image step leaves a placeholder in a report's rendered HTML for each local
 * image, `<img __ASTRO_IMAGE_="{&#x22;src&#x22;:…}">`, which only Astro's render() turns into an
 * image with src and srcset. A file that publishes the cached HTML directly publishes an image
 * without src: feed readers show nothing and the record lacks the picture, yet every link in it is
 * whole. This finds such leftovers in any published text file, however the HTML was embedded
 * (as HTML, XML-escaped, or in a JSON string).
 */

/**
 * The placeholder attribute with the opening of its JSON value, `="{&#x22;` (its quotes
 * escaped once more in XML or JSON): a report that merely mentions it in its text does not match,
 * since the `&` of text is written as an entity itself (`{&#x26;#x22;`).
 */
const PLACEHOLDER = /__ASTRO_IMAGE_=(?:"|\\"|&quot;|&#x22;|&#34;)\{(?:&#x22;|&quot;|&#34;|&amp;#x22;|&amp;quot;|&amp;#34;)/i;

export function hasImagePlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

/** The text files a placeholder could be published in: pages, feeds, sitemaps, JSON records. */
export function mayHoldReportHtml(file: string): boolean {
  return /\.(?:html|xml|json)$/.test(file);
}

export function imagePlaceholderProblem(file: string): string {
  return (
    `${file}: an image Astro left unresolved (an <img __ASTRO_IMAGE_=…> placeholder, with no src): the file publishes a ` +
    "report's cached HTML as it is. Publish publishedReportHtml() (src/archive/archive-data.ts) instead, which resolves images " +
    'as the report page does'
  );
}
