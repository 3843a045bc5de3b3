/**
 * Readable, stable URLs for topics, organizations and people. Names are slugged ("Yuan Jie" ->
 * yuan-jie); names that slug alike ("CASIC" and "Casic", "C++" and "C#") still get distinct pages:
 * the name that appeared first in the archive keeps the plain slug (its URL existed first, so it
 * never changes when a look-alike is added later), every later one gets a suffix derived from its
 * exact spelling, which is the same on every build. Names with nothing to transliterate (袁洁)
 * get a suffix-only slug.
 */
import slugify from '@sindresorhus/slugify';

/** FNV-1a over UTF-16 code units, as 6 base-36 characters: short, deterministic, dependency-free. */
export function nameHash(name: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(-6);
}

/**
 * The longest base slug, in characters (slugify's output is ASCII, so also bytes). A term's slug
 * is a folder name, which file systems cap at 255 bytes: a long name (an 80-word topic, or a
 * Cyrillic name whose transliteration is several letters per letter) gave ENAMETOOLONG. With the
 * suffix (`-` and 6 characters) a slug stays under 90.
 */
export const MAX_BASE_SLUG = 80;

export function baseSlug(name: string): string {
  const slug = slugify(name);
  if (slug.length <= MAX_BASE_SLUG) return slug;
  // Cut at a word boundary when there is one in the second half, so the URL stays readable.
  const cut = slug.slice(0, MAX_BASE_SLUG);
  const hyphen = cut.lastIndexOf('-');
  return hyphen > MAX_BASE_SLUG / 2 ? cut.slice(0, hyphen) : cut;
}

/**
 * Slugs for every name, given in order of first appearance (oldest report first).
 * Throws if two names would still share a slug, which cannot happen silently.
 */
export function assignSlugs(namesInOrderOfAppearance: readonly string[]): Map<string, string> {
  const slugs = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const name of namesInOrderOfAppearance) {
    if (slugs.has(name)) continue;
    const base = baseSlug(name);
    let slug = base && !owner.has(base) ? base : `${base || 'n'}-${nameHash(name)}`;
    if (owner.has(slug)) {
      throw new Error(`"${name}" and "${owner.get(slug)}" would share the URL slug "${slug}": rename one of them`);
    }
    owner.set(slug, name);
    slugs.set(name, slug);
  }
  return slugs;
}
