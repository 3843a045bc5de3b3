import type { APIRoute } from 'astro';
import { archiveIndex } from '../formats/published.ts';

export const GET: APIRoute = async () => Response.json(await archiveIndex());
