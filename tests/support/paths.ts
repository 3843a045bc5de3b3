import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Scratch space for builds and synthetic archives made by tests; git-ignored. */
export const TMP = path.join(ROOT, 'tests/.tmp');
/** Source texts the tests import, kept in the repository: tests never read outside the checkout. */
export const SOURCES = path.join(ROOT, 'tests/fixtures/sources');
/** The archive's first real report (source 000_4946104d0c29f997.txt of the shared sources), copied here. */
export const FIRST_REPORT_SOURCE = path.join(SOURCES, 'casic-2020-aerospace-defense-conference.txt');
export const NODE = path.join(ROOT, 'node_modules/.bin/node');
