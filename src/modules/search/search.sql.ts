import { Connection, PageRequest, paginateRoot } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { badInput } from '../../graph/errors';
import type { Conditions } from '../common/conditions';
import { searchDocument, SearchColumns } from '../common/search-index';

/** A user's search string, reduced to what PostgreSQL is asked: no operator of theirs reaches SQL. */
export interface SearchTerms {
  /** A tsquery of the words as prefixes, e.g. `jugend:* & (auslaender:* | auslander:*)`. */
  tsquery: string;
  /** The words, joined by spaces, for trigram similarity (typos). */
  text: string;
  /** The same with ae/oe/ue read as umlauts, as people type them without a German keyboard. */
  transliterated: string;
  /** Words of three or more letters, to find inside compounds ("amt" in "Jugendamt"). */
  fragments: string[];
}

export const MAX_SEARCH_LENGTH = 200;

const transliterate = (word: string) => word.replace(/ae/gi, 'a').replace(/oe/gi, 'o').replace(/ue/gi, 'u');

/**
 * Splits a search string into words (letters and digits of any script). Everything else,
 * quotes, SQL, regex or tsquery operators included, only separates words. Returns null when
 * no word is left: the search then matches nothing.
 */
export function searchTerms(raw: string, argument = 'search'): SearchTerms | null {
  const length = [...raw].length;
  if (length > MAX_SEARCH_LENGTH) {
    throw badInput(`A search is limited to ${MAX_SEARCH_LENGTH} characters, got ${length}`, argument);
  }
  const words = raw.normalize('NFC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 16) ?? [];
  if (words.length === 0) return null;
  const variants = words.map(transliterate);
  return {
    tsquery: words.map((w, i) => (variants[i] === w ? `${w}:*` : `(${w}:* | ${variants[i]}:*)`)).join(' & '),
    text: words.join(' '),
    transliterated: variants.join(' '),
    fragments: variants.filter((w) => [...w].length >= 3),
  };
}

/**
 * Adds a filter's search to its conditions (a search of no words matches nothing) and
 * returns the relevance of a row, for ordering by it; null when there is no search.
 */
export function searchFilter(conditions: Conditions, search: string | null | undefined, table: SearchColumns, alias: string, argument: string) {
  if (search === null || search === undefined) return null;
  const terms = searchTerms(search, argument);
  if (!terms) {
    conditions.add('false');
    return { rank: '0::float8', rankParams: [] };
  }
  const s = searchSql(table, alias, terms);
  conditions.add(s.where, ...s.whereParams);
  return { rank: s.rank, rankParams: s.rankParams };
}

/**
 * The match condition and relevance of a searchable table under alias `a`, in this order of
 * strength: German full text (stemmed, umlauts folded, prefixes), trigram similarity of the
 * name (typos), and every word inside the name (compounds). The expressions repeat the
 * indexed ones of `searchIndexes()`, so PostgreSQL can use those indexes.
 */
export function searchSql(table: SearchColumns, a: string, terms: SearchTerms) {
  const doc = searchDocument(table.columns, a);
  const name = `ig_fold(${a}."${table.columns[0]}")`;
  const tsq = `to_tsquery('public.ig_german', ?)`;
  // Each branch is one that a GIN index answers (the document's, or the name's trigrams), so
  // PostgreSQL combines index scans (BitmapOr) instead of reading every row.
  const branches = [`${doc} @@ ${tsq}`, `${name} % ig_fold(?)`, `ig_fold(?) <% ${name}`];
  const whereParams: unknown[] = [terms.tsquery, terms.text, terms.text];
  if (terms.transliterated !== terms.text) {
    branches.push(`ig_fold(?) <% ${name}`);
    whereParams.push(terms.transliterated);
  }
  if (terms.fragments.length) {
    branches.push(`(${terms.fragments.map(() => `${name} like '%' || ig_fold(?) || '%'`).join(' and ')})`);
    whereParams.push(...terms.fragments);
  }
  return {
    where: `(${branches.join(' or ')})`,
    whereParams,
    rank: `(ts_rank_cd(${doc}, ${tsq}) + word_similarity(ig_fold(?), ${name}) + similarity(${name}, ig_fold(?)))::float8`,
    rankParams: [terms.tsquery, terms.text, terms.text],
  };
}

/** A search hit: which node, and how well it matches. */
export interface SearchHit extends Record<string, unknown> {
  type: string;
  uuid: string;
  rank: number;
}

/** A node type to search: its type name, its table and that table's search columns. */
export interface SearchTarget {
  type: string;
  table: string;
  search: SearchColumns;
}

/**
 * A page of the hits among the given node types, best first: one statement per type, in one
 * union. Without terms nothing matches.
 */
export function searchHits(ctx: Context, targets: readonly SearchTarget[], terms: SearchTerms | null, page: PageRequest): Promise<Connection<SearchHit>> {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (terms) {
    for (const { type, table, search } of targets) {
      const s = searchSql(search, 'a', terms);
      parts.push(
        `select '${type}' as type, a.id as uuid, ${s.rank} as rank from ${table} a where a.archived_at is null and ${s.where}`,
      );
      params.push(...s.rankParams, ...s.whereParams);
    }
  }
  return paginateRoot<SearchHit>(
    ctx.sql,
    {
      source: parts.length ? parts.join(' union all ') : `select null::text as type, null::uuid as uuid, 0::float8 as rank where false`,
      params,
      orderBy: [
        { column: 'rank', direction: 'desc', type: 'float8' },
        { column: 'uuid', direction: 'asc', type: 'uuid' },
      ],
      costly: true,
    },
    page,
    ctx.limits,
  );
}
