import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Scratch space for builds and synthetic archives made by tests; git-ignored. */
export const TMP = path.join(ROOT, 'tests/.tmp');
export const SOURCES = path.resolve(ROOT, '../shared/sources');
export const FIRST_REPORT_SOURCE = path.join(SOURCES, '000_4946104d0c29f997.txt');
export const NODE = path.join(ROOT, 'node_modules/.bin/node');
