import type { APIRoute } from 'astro';
import { correctionsFeed } from '../../formats/published.ts';

export const GET: APIRoute = async () =>
  new Response(await correctionsFeed(), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
