/** The URL helpers bound to this build's base and site (see src/urls/base-urls.ts). */
import { absoluteUrl, feedUrl, withBase } from './base-urls.ts';
import { reportPath } from './site-paths.ts';

const BASE = import.meta.env.BASE_URL;
const SITE = import.meta.env.SITE;

/** Base-aware path for a page or file of this site: url('search/'), url('favicon.svg'). */
export const url = (path = ''): string => withBase(BASE, path);
export const absolute = (path = ''): string => absoluteUrl(SITE, BASE, path);
export const reportUrl = (id: string): string => url(reportPath(id));
/** Always absolute (feeds need it), even without SITE_URL: see LOCAL_PREVIEW_ORIGIN. */
export const feedAbsolute = (path = ''): string => feedUrl(SITE, BASE, path);
