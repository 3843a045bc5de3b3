import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/paths.ts';

const CLIENT = path.join(ROOT, 'src/search/client');
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every module a file pulls in, followed through relative imports. */
function importsOf(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const specifiers = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
  seen.set(file, specifiers);
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) importsOf(path.resolve(path.dirname(file), specifier), seen);
  }
  return seen;
}

test('the search client, browser code, imports nothing of Node or Astro, directly or through other modules', () => {
  const files = readdirSync(CLIENT).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 0);
  for (const file of files) {
    for (const [module, specifiers] of importsOf(path.join(CLIENT, file))) {
      for (const specifier of specifiers) {
        assert.ok(
          specifier.startsWith('.'),
          `${path.relative(ROOT, module)} (reached from src/search/client/${file}) imports "${specifier}": browser code imports only the project's own modules`,
        );
      }
      // import.meta.env.BASE_URL is fine: Vite writes the value into the bundle.
      assert.doesNotMatch(readFileSync(module, 'utf8'), /\bprocess\.env\b/, `${path.relative(ROOT, module)} reads process.env, which browsers lack`);
    }
  }
});
