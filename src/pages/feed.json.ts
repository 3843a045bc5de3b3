import type { APIRoute } from 'astro';
import { feedFiles } from '../formats/published.ts';

export const GET: APIRoute = async () =>
  new Response((await feedFiles()).json, { headers: { 'content-type': 'application/feed+json; charset=utf-8' } });
