/**
 * Environment variables that say how the build was started, never what it builds. Astro inlines
 * into its server bundle the value of each environment variable whose name occurs anywhere in the
 * source of a module that reads `import.meta.env` whole (astro/dist/env/vite-plugin-import-meta-env.js
 * tests names as substrings). `_` occurs in every module, and the shell sets it to the command it
 * ran: `npm run build`, `time npm run build` and a CI runner's wrapper each gave the bundle other
 * code, and Astro's incremental build, which reuses a page only while its route's code hash is
 * unchanged, then rendered every page again (at 10,000 reports, 30 s instead of 10 s).
 */
export const LAUNCHER_VARIABLES = ['_', 'OLDPWD', 'SHLVL'] as const;

/** Removes the launcher variables from `env` (before Astro reads it); returns the names removed. */
export function forgetLauncherVariables(env: NodeJS.ProcessEnv): string[] {
  const removed = LAUNCHER_VARIABLES.filter((name) => name in env);
  for (const name of removed) delete env[name];
  return removed;
}
