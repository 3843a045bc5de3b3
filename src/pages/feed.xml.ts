import type { APIRoute } from 'astro';
import { feedFiles } from '../formats/published.ts';

export const GET: APIRoute = async () =>
  new Response((await feedFiles()).rss, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
