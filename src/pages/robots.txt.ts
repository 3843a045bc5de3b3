import type { APIRoute } from 'astro';
import { absolute } from '../urls/site-urls.ts';

// The sitemap needs absolute URLs, so it exists only when SITE_URL is set (see astro.config.mjs).
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n${site ? `Sitemap: ${absolute('sitemap-index.xml')}\n` : ''}`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
