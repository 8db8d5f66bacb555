import { badInput } from '../../graph/errors';
import { searchDocument, SearchColumns } from '../common/search-index';

/** A user's search string, reduced to what PostgreSQL is asked: no operator of theirs reaches SQL. */
export interface SearchTerms {
  /** A tsquery of the words as prefixes, e.g. `jugend:* & amt:*`. */
  tsquery: string;
  /** The words, joined by spaces, for trigram similarity. */
  text: string;
}

export const MAX_SEARCH_LENGTH = 200;

/**
 * Splits a search string into words (letters and digits of any script). Everything else,
 * quotes, SQL, regex or tsquery operators included, only separates words. Returns null when
 * no word is left: the search then matches nothing.
 */
export function searchTerms(raw: string, argument = 'search'): SearchTerms | null {
  if (raw.length > MAX_SEARCH_LENGTH) {
    throw badInput(`A search is limited to ${MAX_SEARCH_LENGTH} characters, got ${raw.length}`, argument);
  }
  const words = raw.normalize('NFC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 16) ?? [];
  if (words.length === 0) return null;
  return { tsquery: words.map((w) => `${w}:*`).join(' & '), text: words.join(' ') };
}

/**
 * The match condition and relevance of a searchable table under alias `a`: German full text
 * (stemmed, umlauts folded) or trigram similarity of the name (typos). Both expressions
 * repeat the indexed ones of `searchIndexes()`.
 */
export function searchSql(table: SearchColumns, a: string, terms: SearchTerms) {
  const doc = searchDocument(table.columns, a);
  const name = `ig_fold(${a}."${table.columns[0]}")`;
  const tsq = `to_tsquery('public.ig_german', ?)`;
  return {
    where: `(${doc} @@ ${tsq} or ${name} % ig_fold(?) or ig_fold(?) <% ${name})`,
    whereParams: [terms.tsquery, terms.text, terms.text],
    rank: `(ts_rank_cd(${doc}, ${tsq}) + word_similarity(ig_fold(?), ${name}) + similarity(${name}, ig_fold(?)))::float8`,
    rankParams: [terms.tsquery, terms.text, terms.text],
  };
}
