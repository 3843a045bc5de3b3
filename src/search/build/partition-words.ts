/**
 * Which partitions hold a search's words. Pagefind must load an index's whole page metadata
 * (about 9 bytes a page) and the word's chunk before it can search it, so a search for a word
 * found only in old reports used to load every partition. The words index (`pagefind/words/`) is
 * a Pagefind index with one record per partition and language, holding every distinct word of
 * that partition; the search page asks it first and searches only the partitions it names.
 *
 * Its records are made of the partitions' own indexed text (each fragment's `content`, the words
 * Pagefind indexed, one space apart), so Pagefind's tokenizer and stemmer give each record the
 * words of its partition's index. That is checked, not assumed: after writing, each record's
 * words must equal its partition's (`wordsProblem`), or the words index is not used.
 *
 * What searching only the named partitions finds. Pagefind matches a query word against the
 * words it extends (`gov` finds `government`) and, where none does, against the longest word that
 * is a prefix of it; and it sees only the index chunks it has loaded. The words index holds the
 * union of the partitions' words, and the search page loads its chunks around each query word
 * before asking it (routingProbes in src/search/client/pagefind-client.ts), so it names every
 * partition holding a word that begins with the query word (tests/unit/search/partition-routing.test.ts).
 * A partition that would match only through a shorter word, because none of its words extends the
 * query word while another partition's does, is not named: one index of the whole archive would
 * not match it there either.
 */

/**
 * The whitespace-separated pieces of a fragment's content, as Pagefind read them from the page.
 * Pagefind splits the page's text at whitespace, then writes each piece followed by a space (and,
 * for the languages it segments, zero-width spaces between a piece's segments, removed here).
 * An empty piece (`''`) stands for nothing.
 */
export function contentTokens(content: string): string[] {
  // Zero-width spaces only ever sit between a piece's segments, never in place of a space.
  const text = content.includes('\u200B') ? content.replaceAll('\u200B', '') : content;
  return text.split(' ');
}

/** A record's content: each distinct piece once, in a fixed order, so that equal input writes equal files. */
export function recordContent(tokens: Iterable<string>): string {
  return [...new Set(tokens)].sort().join(' ');
}

/**
 * The words index's record URL of a partition's words in one language: never a page, only an id
 * (Pagefind keeps one record per URL, whatever its language).
 */
export function recordUrl(partition: string, language: string): string {
  return `/${partition}/${language}/`;
}

/** The filter naming each record's partition: the search page reads the partitions from its counts. */
export const PARTITION_FILTER = 'partition';

/**
 * How each record's words differ from its partition's (the words of its index), or undefined
 * when all are equal. `recordWords` and `partitionWords` map partition names to words; a partition
 * without words has no record (Pagefind writes no page without words).
 */
export function wordsProblem(recordWords: ReadonlyMap<string, ReadonlySet<string>>, partitionWords: ReadonlyMap<string, ReadonlySet<string>>, language: string): string | undefined {
  const names = new Set([...recordWords.keys(), ...partitionWords.keys()]);
  for (const name of [...names].sort()) {
    const record = recordWords.get(name) ?? new Set<string>();
    const own = partitionWords.get(name) ?? new Set<string>();
    const missing = [...own].filter((word) => !record.has(word));
    const extra = [...record].filter((word) => !own.has(word));
    if (missing.length + extra.length === 0) continue;
    const sample = (words: string[]) => words.slice(0, 5).map((word) => JSON.stringify(word)).join(', ');
    return (
      `the words index's record of partition ${name} (${language}) ` +
      [missing.length > 0 ? `lacks ${missing.length} of its words (${sample(missing)})` : '', extra.length > 0 ? `has ${extra.length} word(s) it does not hold (${sample(extra)})` : '']
        .filter(Boolean)
        .join(' and ')
    );
  }
  return undefined;
}
