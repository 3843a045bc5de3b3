/**
 * Keeps the environment out of the code Astro hashes to decide whether a page can be reused.
 * Astro inlines into a module the value of every environment variable whose name occurs anywhere
 * in its source, when the module reads `import.meta.env` whole (a substring test, in
 * astro/dist/env/vite-plugin-import-meta-env.js). Its actions runtime, part of every page's code,
 * reads `import.meta.env?.DEV`, which counts as whole: the shell's `_` (the command it ran), `CI`,
 * Netlify's `CONTEXT` and `URL`, any one-letter name reached that code, and its incremental build,
 * which reuses a page only while its route's code hash is unchanged, rendered every page again
 * when the same build was started another way (`time npm run build`, a CI wrapper, a preview
 * deploy after a production one: at 10,000 reports 30 s instead of 10 s after a one-report edit).
 * `import.meta.env` is always defined in a Vite build, so `?.` after it means `.`; written so, a
 * read is replaced by its own value alone.
 */
const OPTIONAL_ENV_READ = /\bimport\.meta\.env\?\./g;

/** The code with every `import.meta.env?.` read written as `import.meta.env.`. */
export function withoutWholeEnvReads(code: string): string {
  return code.replace(OPTIONAL_ENV_READ, 'import.meta.env.');
}

/** A Vite plugin, before Astro's own: its env plugin must not see the optional reads. */
export function wholeEnvReadsPlugin() {
  return {
    name: 'news-archive:whole-env-reads',
    enforce: 'pre' as const,
    transform(code: string): { code: string; map: null } | undefined {
      if (!code.includes('import.meta.env?.')) return undefined;
      return { code: withoutWholeEnvReads(code), map: null };
    },
  };
}
