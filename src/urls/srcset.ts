/** srcset attributes as HTML reads them: the link check reads their URLs, feeds rewrite them. */

/**
 * The candidates of a srcset: separated by commas, each a URL (which may itself contain commas)
 * and optional descriptors (HTML's "parse a srcset attribute", descriptors kept as written).
 */
export function srcsetCandidates(srcset: string): { url: string; descriptors: string }[] {
  const candidates: { url: string; descriptors: string }[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i]!)) i++;
    let end = i;
    while (end < srcset.length && !/\s/.test(srcset[end]!)) end++;
    let url = srcset.slice(i, end);
    i = end;
    let descriptors = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // The descriptors, up to the comma that ends this candidate (not one inside parentheses).
      const from = i;
      let depth = 0;
      while (i < srcset.length && (srcset[i] !== ',' || depth > 0)) {
        if (srcset[i] === '(') depth++;
        else if (srcset[i] === ')') depth = Math.max(0, depth - 1);
        i++;
      }
      descriptors = srcset.slice(from, i).trim();
    }
    if (url) candidates.push({ url, descriptors });
  }
  return candidates;
}

/** The URLs of a srcset. */
export function srcsetUrls(srcset: string): string[] {
  return srcsetCandidates(srcset).map((candidate) => candidate.url);
}
