import type { APIRoute } from 'astro';
import { openSearchDescription } from '../formats/opensearch.ts';
import { siteConfig } from '../site.config.ts';
import { absolute } from '../urls/site-urls.ts';
import { SEARCH_PATH } from '../urls/site-paths.ts';

export const GET: APIRoute = () =>
  new Response(
    openSearchDescription({
      shortName: siteConfig.name,
      description: siteConfig.description,
      searchPage: absolute(SEARCH_PATH),
      icon: absolute('favicon.svg'),
    }),
    { headers: { 'Content-Type': 'application/opensearchdescription+xml; charset=utf-8' } },
  );
