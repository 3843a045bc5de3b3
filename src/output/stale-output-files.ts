/**
 * Which files of a kept output folder a build did not produce. Astro empties the output folder
 * before every build and then copies each unchanged page back from its incremental cache: at
 * 10,000 reports that is 70,000 files deleted and 60,000 copied to change one. The folder is kept
 * instead, and afterwards everything this build did not produce (the page of a deleted report,
 * an asset of an older build) is removed, so the output is exactly what a clean build makes.
 */

/** Paths are relative to the output folder, with forward slashes. */
export interface BuildProducts {
  /** Files written (or kept as unchanged) for the build's routes. */
  routeFiles: Iterable<string>;
  /** Files of the public folder, copied as they are. */
  publicFiles: Iterable<string>;
  /** Folders whose whole content this build wrote afresh (Vite's hashed assets). */
  freshFolders: readonly string[];
}

export function staleOutputFiles(existing: Iterable<string>, products: BuildProducts): string[] {
  const produced = new Set([...products.routeFiles, ...products.publicFiles]);
  const fresh = products.freshFolders.map((folder) => folder.replace(/\/?$/, '/'));
  const stale: string[] = [];
  for (const file of existing) {
    if (produced.has(file) || fresh.some((folder) => file.startsWith(folder))) continue;
    stale.push(file);
  }
  return stale.sort();
}
