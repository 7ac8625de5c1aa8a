// The words of a search, as the UI marks them and snippets are cut around them.
// Used on the server (snippets) and in the browser (highlighting): no imports.
//
// Chinese, Japanese and Korean are written without spaces between words, so a
// run of their characters is matched anywhere inside text (the database indexes
// such runs as overlapping character pairs: see the cjk_search migration).
// Other words match as prefixes at a word's start, as the database's search does.

/** Han ideographs, kana and Hangul: the scripts searched by character pairs. */
export const CJK = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff66-\\uff9f";
const CJK_RUN = new RegExp(`[${CJK}]+`, "u");
const TERM = new RegExp(`[${CJK}]+|[\\p{L}\\p{N}_]+`, "gu");

export type SearchTerm = { text: string; cjk: boolean };

/** The terms of a query, lower-cased, longest first (so a longer one is marked before its prefix). */
export function searchTerms(query: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const [match] of query.normalize("NFKC").toLowerCase().matchAll(TERM)) {
    if (seen.has(match)) continue;
    seen.add(match);
    terms.push({ text: match, cjk: CJK_RUN.test(match) });
  }
  return terms.sort((a, b) => b.text.length - a.text.length);
}

/** A letter, digit or _ of a script written with spaces (a CJK character starts a new word). */
const WORD_CHAR = `(?:(?![${CJK}])[\\p{L}\\p{N}_])`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One pattern that finds every term in text: a CJK run wherever it occurs, any
 * other word as a prefix at a word's start, marked to the end of that word.
 * Null when the query has no terms.
 */
export function termPattern(terms: SearchTerm[]): RegExp | null {
  if (terms.length === 0) return null;
  const alternatives = terms.map((term) =>
    term.cjk ? escapeRegExp(term.text) : `(?<!${WORD_CHAR})${escapeRegExp(term.text)}${WORD_CHAR}*`,
  );
  return new RegExp(`(${alternatives.join("|")})`, "giu");
}
