import MiniSearch from "minisearch";
import porter2 from "wink-porter2-stemmer";
import type { Passage } from "./passages";

/**
 * Ranked retrieval over a shop's passages: BM25 (MiniSearch, a small well-kept
 * full-text engine; docs/decisions/0005-knowledge-retrieval.md) over stemmed words, with the
 * section heading and an FAQ entry's question weighted above body text, typo tolerance for
 * longer words, and a boost for the source the question is about (the refund policy for
 * a returns question).
 */

const STOP_WORDS = new Set(
  "a an and are as at be by can could do does did for from have has how i if in is it its me my of on or our please so that the their them then there these they this to too us was we were what when where which who why will with would you your yours".split(
    " ",
  ),
);

export function analyzeTerm(term: string): string | null {
  const lower = term.toLowerCase().replace(/['’]s$/, "");
  if (lower.length < 2 || STOP_WORDS.has(lower)) return null;
  return /^\d+$/.test(lower) ? lower : porter2(lower);
}

const tokenize = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];

export interface KnowledgeHit {
  passage: Passage;
  score: number;
  /** Query words (stemmed) the passage contains. */
  matched: string[];
}

export interface KnowledgeIndex {
  size: number;
  /**
   * `preferKinds` boosts passages from those sources; `emphasize` boosts passages that name
   * any of these words (an entity from the question: "France", "damaged").
   */
  search(query: string, options?: { preferKinds?: string[]; emphasize?: string[]; limit?: number }): KnowledgeHit[];
}

export function buildKnowledgeIndex(passages: Passage[]): KnowledgeIndex {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const search = new MiniSearch<Passage>({
    idField: "id",
    fields: ["text", "heading", "keywords", "sourceTitle"],
    tokenize,
    processTerm: analyzeTerm,
    searchOptions: {
      boost: { keywords: 3, heading: 2, sourceTitle: 1.5, text: 1 },
      fuzzy: (term) => (term.length > 5 ? 0.2 : false),
      prefix: (term) => term.length > 4,
      combineWith: "OR",
    },
  });
  search.addAll(passages);
  return {
    size: passages.length,
    search(query, { preferKinds = [], emphasize = [], limit = 3 } = {}) {
      if (passages.length === 0) return [];
      const patterns = emphasize.filter(Boolean).map((word) => new RegExp(`\\b${escapeRegExp(word)}\\b`, "i"));
      const results = search.search(query, {
        boostDocument: (id) => {
          const passage = byId.get(String(id));
          if (!passage) return 1;
          const kind = preferKinds.includes(passage.kind) ? 2.5 : 1;
          const named = patterns.some((pattern) => pattern.test(passage.text)) ? 3 : 1;
          return kind * named;
        },
      });
      return results.slice(0, limit).map((result) => ({
        passage: byId.get(String(result.id))!,
        score: result.score,
        matched: result.terms,
      }));
    },
  };
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
