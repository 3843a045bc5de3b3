import type { APIRoute } from 'astro';
import { archiveIndex } from '../data/published.ts';

export const GET: APIRoute = async () => Response.json(await archiveIndex());
