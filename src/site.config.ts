/** Site-wide settings a publisher edits; everything else derives from content. */
export const siteConfig = {
  name: 'News Archive',
  description:
    'An archive of news reports and press releases, searchable in full text.',
  publisher: 'News Archive',
  /** BCP 47 tag for the site chrome; reports carry their own `language`. */
  locale: 'en',
  pageSizes: {
    home: 20,
    archive: 50,
    taxonomy: 50,
  },
  /** How many of the newest reports the RSS, Atom and JSON feeds carry. */
  feedSize: 20,
  /** How many related reports an article page suggests. */
  relatedReports: 3,
} as const;

export type SiteConfig = typeof siteConfig;
