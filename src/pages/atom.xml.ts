import type { APIRoute } from 'astro';
import { feedFiles } from '../formats/published.ts';

export const GET: APIRoute = async () =>
  new Response((await feedFiles()).atom, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
