/** Where the feeds and the JSON index are published (site paths, before the base). */
export const FEED_FILES = {
  rss: 'feed.xml',
  atom: 'atom.xml',
  json: 'feed.json',
  index: 'reports.json',
} as const;
