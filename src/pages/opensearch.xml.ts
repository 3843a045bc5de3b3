import type { APIRoute } from 'astro';
import { openSearchDescription } from '../formats/opensearch.ts';
import { siteConfig } from '../site.config.ts';
import { absolute } from '../urls/site-urls.ts';

export const GET: APIRoute = () =>
  new Response(
    openSearchDescription({
      shortName: siteConfig.name,
      description: siteConfig.description,
      searchPage: absolute('search/'),
      icon: absolute('favicon.svg'),
    }),
    { headers: { 'Content-Type': 'application/opensearchdescription+xml; charset=utf-8' } },
  );
