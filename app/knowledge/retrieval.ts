import MiniSearch from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import porter2 from "wink-porter2-stemmer";
import { ASPECTS, CONCEPTS, askedAspects, aspectCue, type Aspect, withoutFrames } from "./aspects";
import type { Passage } from "./passages";
import { WORLD, destinationCode, destinationFit, placesIn, regionsOf, type PlaceMention } from "./places";
import { countryName, namesFor } from "./regions";

/**
 * Ranked retrieval over a shop's policies and FAQ, at the level of a section: a heading and
 * the paragraphs under it, or one FAQ entry (docs/decisions/0005-knowledge-retrieval.md).
 *
 * A question is read into what it is about (its topic words, widened to the words policies
 * use: "money back" is a refund), the fact it wants (a price, a time, the steps: aspects.ts)
 * and the destination it names (places.ts: Germany is answered by a sentence about the EU).
 * Each section is scored by how much of that it covers, counting the fact and the
 * destination only where one of its sentences carries them, with BM25 (MiniSearch) to break
 * ties; the sentences that carry them are what is quoted. A sentence about another destination
 * never answers. The index is built once per knowledge snapshot; a question costs tens of
 * microseconds.
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

// Words of a question that only carry its tone or frame ("can you tell me", "something").
const QUESTION_WORDS = new Set(
  (
    "much long many soon get got gets getting know tell want wanted need needed like just also any some ever really " +
    "still here ok okay hi hello hey thanks thank pls one ones thing things something anything everything someone " +
    "way able possible happen happens happened else yes not about around wondering wonder question questions help " +
    "hoping hope mean guys ask asking actually exactly usually normally generally typically roughly approximately " +
    "other another different same new kind sort anyway more most less least very quite rather exist exists i'm im " +
    "i'd i'll i've can't cannot don't won't isn't aren't whats what's answer answers helpful until till now"
  ).split(" "),
);

/**
 * The words of a question that say what it is about: what is left once the places it names,
 * the frame of the fact it asks ("how long would that take"), amounts, stop words and words
 * of tone are taken out. Widened concepts ("send it back") count as topic words.
 */
export function topicWords(question: string): string[] {
  let rest = question.slice(0, 500);
  for (const place of placesIn(rest, { query: true }))
    rest = rest.slice(0, place.start) + " ".repeat(place.end - place.start) + rest.slice(place.end);
  rest = rest.replace(AMOUNT, " ");
  rest = withoutFrames(rest, askedAspects(rest));
  return tokenize(rest).filter((word) => {
    const key = stem(word);
    return key !== null && !QUESTION_STEMS.has(key);
  });
}

export interface KnowledgeHit {
  passage: Passage;
  score: number;
  /** Words of the question (stemmed) the passage contains. */
  matched: string[];
}

export interface KnowledgeAnswer {
  /** The section: heading, all its text, its source. */
  passage: Passage;
  /** The sentence(s) of the section that answer, as the policy words them. */
  quote: string;
  source: { title: string; url: string | null };
  /** Share of what the question asks (topic words, fact, destination) the quote covers, 0 to 1. */
  score: number;
  /** Ranking score among sections (coverage, BM25 and source preferences); only comparable within one question. */
  rank: number;
  /** Words of the question (stemmed) the section contains. */
  matched: string[];
  /** How many parts of the question (topic words, the fact asked, the destination) the quote answers. */
  evidence: number;
  /**
   * The question's topic words the section answers (in its heading or quote, or elsewhere in
   * it), each counted by its weight: a rare word ("VAT") near 0.7, a common one ("days") near 0.2.
   */
  topics: number;
  /**
   * Whether this is an answer to give: it covers at least ANSWER_MIN_SCORE of the question
   * and matches something specific in it (a topic word, the fact asked, the destination).
   */
  answers: boolean;
  /** Destinations the question names (ISO codes, or "EU"), for the reply and follow-ups. */
  destinations: string[];
  /**
   * Destinations the question names that the knowledge never mentions although it lists
   * where the shop ships: `quote` is then that list, not an answer for them.
   */
  notListed: string[];
}

export interface AnswerOptions {
  /** Sources the question is about (the refund policy for a returns question), preferred on a near tie. */
  preferKinds?: string[];
  /** Destinations already read from the question ("Germany", "DE"); other names are ignored. */
  destinations?: string[];
  /** Destinations to assume when the question names none (the one asked about a turn ago). */
  fallbackDestinations?: string[];
  /**
   * Words of the question that name something the shop sells ("mug" in "can I return a
   * mug?"): a policy is about all items, so such a word is not required of it, though it
   * still counts where a passage names it.
   */
  isCatalogWord?: (word: string) => boolean;
}

export interface KnowledgeIndex {
  size: number;
  /** The best-answering section for a question, or null when nothing shares a word or fact with it. */
  answer(question: string, options?: AnswerOptions): KnowledgeAnswer | null;
  /**
   * Sections ranked for a question. `emphasize` names entities of the question: places among
   * them are destinations; `preferKinds` as in `answer`.
   */
  search(query: string, options?: { preferKinds?: string[]; emphasize?: string[]; limit?: number }): KnowledgeHit[];
}

interface Sentence {
  text: string;
  /** Paragraph within the section, to join quoted sentences as written. */
  paragraph: number;
  stems: Set<string>;
  places: PlaceMention[];
  cues: Map<Aspect, number>;
}

interface Section {
  id: string;
  passage: Passage;
  sentences: Sentence[];
  /** Stems of the heading and an FAQ entry's question: what the whole section is about. */
  headingStems: Set<string>;
  titleStems: Set<string>;
  headingPlaces: PlaceMention[];
  /** Aspects the heading or FAQ question asks ("Where we ship", "How long does delivery take?"). */
  headingAspects: Set<Aspect>;
  /** Every stem of the section, for document frequencies. */
  allStems: Set<string>;
}

const ASPECT_LIST: Aspect[] = ASPECTS.map((rule) => rule.aspect);
/** A quote of a whole section is kept to what fits a chat bubble. */
const WHOLE_SECTION_CHARS = 420;
const WHOLE_FAQ_CHARS = 700;
const MAX_QUOTED_SENTENCES = 3;
/** Sections scored per question, the best by BM25: the cost of a question stays flat as FAQs grow. */
const MAX_CANDIDATES = 40;
/** Weights of the parts of a question in its coverage: a topic word counts by its rarity (at most 1). */
const ASPECT_WEIGHT = 1;
const DESTINATION_WEIGHT = 1.2;
/** Fit of a sentence that names no place, for a question that names one: it may hold for all. */
const NEUTRAL_FIT = 0.3;

// The same few hundred words recur in questions; stemming is most of reading one.
const stemCache = new Map<string, string | null>();
function stem(word: string): string | null {
  let cached = stemCache.get(word);
  if (cached === undefined) {
    cached = analyzeTerm(word);
    if (stemCache.size > 20_000) stemCache.clear();
    stemCache.set(word, cached);
  }
  return cached;
}

const stemsOf = (text: string) => {
  const stems = new Set<string>();
  for (const token of tokenize(text)) {
    const key = stem(token);
    if (key) stems.add(key);
  }
  return stems;
};

// By stem, so "helping" and "helpful" go with "help".
const QUESTION_STEMS = new Set([...QUESTION_WORDS].map((word) => stem(word)).filter((s): s is string => s !== null));

const CONCEPT_STEMS = CONCEPTS.map((rule) => ({
  said: rule.said,
  stems: [...new Set(rule.words.map((w) => stem(w)).filter((s): s is string => s !== null))],
}));

// The stems of every name a policy may use for a destination ("DE" → germani, european, union, eu, europ).
const placeStemCache = new Map<string, string[]>();
function placeStems(code: string): string[] {
  let cached = placeStemCache.get(code);
  if (!cached) {
    cached = [...new Set(namesFor(code).flatMap((name) => [...stemsOf(name)]))];
    if (placeStemCache.size < 1000) placeStemCache.set(code, cached);
  }
  return cached;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
// Abbreviations after which a full stop does not end the sentence.
const ABBREVIATION =
  /\b(?:e\.g|i\.e|approx|incl|excl|no|nos|vs|mr|mrs|ms|dr|st|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|u\.s|u\.k)\.$/i;

export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const piece = segment.trim();
    if (!piece) continue;
    if (out.length && ABBREVIATION.test(out[out.length - 1])) out[out.length - 1] += ` ${piece}`;
    else out.push(piece);
  }
  return out;
}

/** Consecutive passages of one source under one heading make a section; an FAQ entry is one. */
function sectionsOf(passages: Passage[]): Section[] {
  const groups: Passage[][] = [];
  for (const passage of passages) {
    const last = groups[groups.length - 1]?.[0];
    // Paragraphs under no heading stand alone: a policy written without headings is ranked by paragraph.
    if (
      last &&
      passage.kind !== "FAQ" &&
      passage.heading !== null &&
      last.kind === passage.kind &&
      last.sourceTitle === passage.sourceTitle &&
      last.heading === passage.heading
    )
      groups[groups.length - 1].push(passage);
    else groups.push([passage]);
  }
  return groups.map((group) => {
    const first = group[0];
    const sentences: Sentence[] = group.flatMap((p, paragraph) =>
      sentencesOf(p.text).map((text) => ({
        text,
        paragraph,
        stems: stemsOf(text),
        places: placesIn(text),
        cues: new Map(ASPECT_LIST.map((aspect) => [aspect, aspectCue(aspect, text)] as const).filter(([, c]) => c > 0)),
      })),
    );
    // An FAQ entry's question is both its heading and its keywords.
    const headingText = [...new Set([first.heading ?? "", first.keywords])].join(" ").trim();
    const passage: Passage = { ...first, text: group.map((p) => p.text).join("\n") };
    const headingStems = stemsOf(headingText);
    const titleStems = stemsOf(first.sourceTitle);
    const allStems = new Set([...headingStems, ...titleStems, ...sentences.flatMap((s) => [...s.stems])]);
    return {
      id: first.id,
      passage,
      sentences,
      headingStems,
      titleStems,
      headingPlaces: placesIn(headingText),
      headingAspects: new Set(headingText ? askedAspects(headingText) : []),
      allStems,
    };
  });
}

/** Whether a sentence states where the shop ships ("We ship to the UK, the EU, …"). */
function isCoverage(sentence: Sentence, section: Section) {
  const named = new Set(sentence.places.filter((p) => !p.negated).map((p) => p.code));
  if (named.size === 0) return false;
  return named.size >= 3 || (sentence.cues.get("coverage") ?? 0) >= 0.6 || section.headingAspects.has("coverage");
}

const AMOUNT =
  /[£$€]\s?\d[\d,]*(?:\.\d+)?\s?(?:k\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:quid|pounds?|pence|p|gbp|euros?|eur|dollars?|usd|bucks|squid)\b/gi;

const SHIPPING_WORDS = new Set(["ship", "deliveri", "deliv", "postag", "courier", "dispatch", "despatch"]);

interface Concept {
  /** The shopper's own word first, then the words policies use for it. */
  stems: string[];
  /** Stems the knowledge holds for it: the same, longer forms, near misspellings. */
  variants: string[];
  /** The variants of the shopper's own word, where there is one ("vat", not "duties"). */
  own: string[];
  weight: number;
  catalog: boolean;
}

interface Reading {
  aspects: Aspect[];
  concepts: Concept[];
  destinations: string[];
  /** What MiniSearch is asked (stems, each with its boost): the concepts' words, destinations' names. */
  terms: Map<string, number>;
  /** Stems the shopper wrote, which may be misspelt. */
  own: Set<string>;
  shipping: boolean;
}

export function buildKnowledgeIndex(passages: Passage[]): KnowledgeIndex {
  const sections = sectionsOf(passages);
  const byId = new Map(sections.map((s) => [s.id, s]));
  const count = sections.length;
  const search = new MiniSearch<{ id: string; heading: string; text: string; keywords: string; sourceTitle: string }>({
    idField: "id",
    fields: ["text", "heading", "keywords", "sourceTitle"],
    tokenize,
    processTerm: stem,
    searchOptions: {
      boost: { keywords: 3, heading: 2, sourceTitle: 1.5, text: 1 },
      fuzzy: (term) => (term.length > 5 ? 0.2 : false),
      prefix: (term) => term.length > 4,
      combineWith: "OR",
    },
  });
  search.addAll(
    sections.map((s) => ({
      id: s.id,
      heading: s.passage.heading ?? "",
      text: s.passage.text,
      keywords: s.passage.keywords,
      sourceTitle: s.passage.sourceTitle,
    })),
  );
  const frequency = new SearchableMap<number>();
  for (const section of sections) for (const stem of section.allStems) frequency.update(stem, (n = 0) => n + 1);
  const maxIdf = Math.log(1 + (count + 0.5) / 0.5);
  const idfWeight = (df: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5)) / maxIdf;

  // Where the knowledge says the shop ships, and every place it names in doing so.
  const coverage: { section: Section; sentence: Sentence }[] = [];
  const named = new Set<string>();
  for (const section of sections) {
    const shipping =
      section.passage.kind === "SHIPPING_POLICY" ||
      section.passage.kind === "FAQ" ||
      [...section.allStems].some((stem) => SHIPPING_WORDS.has(stem));
    if (!shipping) continue;
    for (const place of section.headingPlaces) if (!place.negated && place.code !== WORLD) named.add(place.code);
    for (const sentence of section.sentences) {
      const isList = isCoverage(sentence, section);
      if (isList) coverage.push({ section, sentence });
      // A place counts as served where the shop lists it or gives it a price or a time, not
      // where it is only mentioned ("duties are never charged within the EU").
      const rates = (sentence.cues.get("cost") ?? 0) >= 0.9 || (sentence.cues.get("time") ?? 0) >= 1;
      if (!isList && !rates) continue;
      for (const place of sentence.places) {
        if (place.negated) continue;
        if (place.code !== WORLD || isList) named.add(place.code);
      }
    }
  }
  const listed = (code: string) =>
    named.has(code) || regionsOf(code).some((region) => named.has(region)) || named.has(WORLD);

  // Sections that carry each fact, for questions made only of aspects ("what payment methods do you accept?").
  const byAspect = new Map<Aspect, Section[]>();
  for (const aspect of ASPECT_LIST) {
    byAspect.set(
      aspect,
      sections.filter((s) => s.headingAspects.has(aspect) || s.sentences.some((x) => x.cues.has(aspect))),
    );
  }

  function variantsOf(stem: string, fuzzy: boolean): string[] {
    const variants = new Set<string>();
    if (frequency.has(stem)) variants.add(stem);
    if (fuzzy && stem.length > 4) for (const key of frequency.atPrefix(stem).keys()) variants.add(key);
    if (fuzzy && stem.length > 5)
      for (const key of frequency.fuzzyGet(stem, Math.round(stem.length * 0.2)).keys()) variants.add(key);
    return [...variants];
  }

  function read(question: string, options: AnswerOptions): Reading {
    const text = question.slice(0, 500);
    const destinations = new Set<string>();
    for (const name of options.destinations ?? []) {
      const code = destinationCode(name);
      if (code && code !== WORLD) destinations.add(code);
    }
    // Place names are the destination, not topic words: blank them before reading words.
    let rest = text;
    for (const place of placesIn(text, { query: true })) {
      if (place.code === WORLD) continue;
      if (!place.negated) destinations.add(place.code);
      rest = rest.slice(0, place.start) + " ".repeat(place.end - place.start) + rest.slice(place.end);
    }
    // The shopper's own figure ("over 30 quid") is not the policy's ("over £40") and names no topic.
    rest = rest.replace(AMOUNT, " ");
    const aspects = askedAspects(rest);
    rest = withoutFrames(rest, aspects);
    const concepts: Concept[] = [];
    const terms = new Map<string, number>();
    const own = new Set<string>();
    const addConcept = (stems: readonly string[], catalog: boolean, fuzzy: boolean, ownWord: boolean) => {
      if (stems.length === 0 || concepts.some((c) => c.stems[0] === stems[0])) return;
      // The shopper's own word may be misspelt; a concept's synonyms are matched as written.
      const variants = [...new Set(stems.flatMap((stem, i) => variantsOf(stem, fuzzy && i === 0)))];
      let weight = 0;
      for (const variant of variants) weight = Math.max(weight, idfWeight(frequency.get(variant) ?? count));
      // Rare words say more about which section answers; a word no section has weighs most.
      if (variants.length === 0) weight = 1;
      const ownVariants = ownWord ? variantsOf(stems[0], fuzzy) : variants;
      concepts.push({ stems: [...stems], variants, own: ownVariants, weight: Math.max(weight, 0.05), catalog });
    };
    for (const rule of CONCEPT_STEMS) {
      rest = rest.replace(rule.said, (said) => {
        // The shopper's own word ranks above its synonyms ("vat" over "duties"); a phrase
        // ("money back") stands for the concept only.
        const word = /\s/.test(said.trim()) ? null : stem(said.toLowerCase());
        addConcept(word ? [word, ...rule.stems.filter((s) => s !== word)] : rule.stems, false, !!word, !!word);
        for (const synonym of rule.stems) terms.set(synonym, Math.max(terms.get(synonym) ?? 0, 0.7));
        if (word) {
          terms.set(word, 1);
          own.add(word);
        }
        return " ";
      });
    }
    for (const word of tokenize(rest)) {
      const key = stem(word);
      if (!key || QUESTION_STEMS.has(key)) continue;
      addConcept([key], options.isCatalogWord?.(word) ?? false, true, true);
      terms.set(key, 1);
      own.add(key);
    }
    if (destinations.size === 0) {
      for (const name of options.fallbackDestinations ?? []) {
        const code = destinationCode(name);
        if (code && code !== WORLD) destinations.add(code);
      }
    }
    for (const code of destinations)
      for (const key of placeStems(code)) terms.set(key, Math.max(terms.get(key) ?? 0, 0.5));
    const shipping =
      aspects.includes("coverage") ||
      concepts.some((c) => c.stems.some((key) => SHIPPING_WORDS.has(key))) ||
      (options.preferKinds ?? []).includes("SHIPPING_POLICY");
    return { aspects, concepts, destinations: [...destinations], terms, own, shipping };
  }

  interface Scored {
    section: Section;
    quoted: Sentence[];
    coverage: number;
    rank: number;
    matched: string[];
    /** Parts of the question the quote answers specifically (a word, the fact, the destination). */
    evidence: number;
    topics: number;
  }

  const hasAny = (stems: Set<string>, variants: readonly string[]) => {
    for (const variant of variants) if (stems.has(variant)) return true;
    return false;
  };

  /** The sentences of a section that answer, and how much of the question they cover. */
  function score(section: Section, reading: Reading): Omit<Scored, "rank"> {
    const { aspects, concepts, destinations } = reading;
    const sentences = section.sentences;
    const inHeading = concepts.map((c) => hasAny(section.headingStems, c.variants));
    // inSentence[c][s]: the concept's words are in that sentence.
    const inSentence = concepts.map((c) => sentences.map((s) => hasAny(s.stems, c.variants)));
    const cue = aspects.map((a) =>
      sentences.map((s) => Math.max(s.cues.get(a) ?? 0, section.headingAspects.has(a) ? 0.8 : 0)),
    );
    // A sentence's own places say whom it is for; where they name none (or only "international"),
    // the heading does ("UK delivery" above "Standard delivery costs £3.95").
    const fit = destinations.map((d) => {
      const heading = destinationFit(d, section.headingPlaces);
      return sentences.map((s) => {
        const own = destinationFit(d, s.places);
        if (own === 0) return 0;
        if (own === null) return heading ?? NEUTRAL_FIT;
        return Math.max(own, heading ?? 0);
      });
    });

    const sentenceScore = sentences.map((_, i) => {
      let total = 0;
      for (let a = 0; a < aspects.length; a++) total += ASPECT_WEIGHT * cue[a][i];
      for (let d = 0; d < destinations.length; d++) total += DESTINATION_WEIGHT * fit[d][i];
      for (let c = 0; c < concepts.length; c++)
        if (inSentence[c][i] && !inHeading[c]) total += 0.5 * concepts[c].weight;
      return total;
    });
    const fits = sentences.map((_, i) => {
      let least = 1;
      for (let d = 0; d < destinations.length; d++) least = Math.min(least, fit[d][i]);
      return least;
    });

    let quoted: number[];
    const all = sentences.map((_, i) => i);
    const aboutWhole =
      destinations.length === 0 &&
      aspects.every((a) => section.headingAspects.has(a)) &&
      concepts.every((_, c) => inHeading[c] || !inSentence[c].includes(true));
    const wholeLimit = section.passage.kind === "FAQ" ? WHOLE_FAQ_CHARS : WHOLE_SECTION_CHARS;
    let best = 0;
    let bestIndex = 0;
    sentenceScore.forEach((value, i) => {
      if (value > best) {
        best = value;
        bestIndex = i;
      }
    });
    if ((aboutWhole || best === 0) && section.passage.text.length <= wholeLimit) quoted = all;
    else if (best === 0) quoted = all.slice(0, 2);
    else {
      // Beside a sentence about the destination itself (or its region), one that names no place is
      // not quoted; a sentence about another destination never is.
      const minFit = fits[bestIndex] >= 0.75 ? 0.75 : Number.MIN_VALUE;
      quoted = all
        .filter((i) => sentenceScore[i] >= best * 0.85 && fits[i] >= minFit)
        .sort((a, b) => sentenceScore[b] - sentenceScore[a])
        .slice(0, MAX_QUOTED_SENTENCES)
        .sort((a, b) => a - b);
      if (quoted.length === 0) quoted = [bestIndex];
      // A topic word the quote leaves out is answered by the sentence that has it, unless that
      // sentence is about another destination: "customs charges for Australia?" is the
      // Australia price and the sentence on import duties.
      concepts.forEach((c, ci) => {
        if (c.catalog || inHeading[ci] || quoted.length >= MAX_QUOTED_SENTENCES) return;
        if (quoted.some((i) => inSentence[ci][i])) return;
        let extra = -1;
        for (let i = 0; i < sentences.length; i++)
          if (inSentence[ci][i] && fits[i] > 0 && (extra < 0 || sentenceScore[i] > sentenceScore[extra])) extra = i;
        if (extra >= 0) quoted = [...quoted, extra].sort((a, b) => a - b);
      });
    }

    let covered = 0;
    let asked = 0;
    let evidence = 0;
    let topics = 0;
    const matched: string[] = [];
    concepts.forEach((c, ci) => {
      const where =
        inHeading[ci] || quoted.some((i) => inSentence[ci][i])
          ? 1
          : inSentence[ci].includes(true)
            ? 0.6
            : hasAny(section.titleStems, c.variants)
              ? 0.5
              : 0;
      // The shopper's own word ("VAT") answers a little better than a synonym of it ("taxes").
      const literal =
        c.own === c.variants ||
        hasAny(section.headingStems, c.own) ||
        hasAny(section.titleStems, c.own) ||
        sentences.some((s) => hasAny(s.stems, c.own));
      const sat = where * (literal ? 1 : 0.85);
      if (sat > 0) matched.push(c.stems[0]);
      if (sat >= 0.6) {
        evidence++;
        topics += c.weight;
      }
      // A word for something the shop sells is not asked of a policy unless it names it.
      if (sat === 0 && c.catalog) return;
      covered += c.weight * sat;
      asked += c.weight;
    });
    aspects.forEach((_, a) => {
      let value = 0;
      for (const i of quoted) value = Math.max(value, cue[a][i]);
      covered += ASPECT_WEIGHT * value;
      asked += ASPECT_WEIGHT;
      if (value >= 0.5) evidence++;
    });
    let otherPlace = false;
    destinations.forEach((_, d) => {
      let value = 0;
      for (const i of quoted) value = Math.max(value, fit[d][i]);
      covered += DESTINATION_WEIGHT * value;
      asked += DESTINATION_WEIGHT;
      if (value >= 0.75) evidence++;
      if (value === 0) otherPlace = true;
    });
    // A passage about another destination does not answer, however well its words match.
    if (otherPlace) covered = 0;
    return {
      section,
      quoted: quoted.map((i) => sentences[i]),
      coverage: asked > 0 ? covered / asked : 0,
      matched,
      evidence,
      topics,
    };
  }

  function rankAll(question: string, options: AnswerOptions) {
    const reading = read(question, options);
    const bm25 = new Map<string, number>();
    if (reading.terms.size) {
      const { terms, own } = reading;
      const results = search.search([...terms.keys()].join(" "), {
        // The terms are stems already.
        tokenize: (text) => text.split(" "),
        processTerm: (term) => term,
        boostTerm: (term) => terms.get(term) ?? 1,
        // Typos and longer forms only for the shopper's own words, not for the synonyms added.
        fuzzy: (term) => (own.has(term) && term.length > 5 ? 0.2 : false),
        prefix: (term) => own.has(term) && term.length > 4,
      });
      for (const result of results) bm25.set(String(result.id), result.score);
    }
    const candidates = new Set<Section>();
    // MiniSearch returns results best first; the sections far down share a word or two at most.
    for (const id of bm25.keys()) {
      if (candidates.size >= MAX_CANDIDATES) break;
      candidates.add(byId.get(id)!);
    }
    // A question made only of the fact it wants ("which payment methods do you accept?").
    if (reading.concepts.length === 0)
      for (const aspect of reading.aspects) for (const section of byAspect.get(aspect) ?? []) candidates.add(section);
    let maxBm25 = 0;
    for (const value of bm25.values()) maxBm25 = Math.max(maxBm25, value);
    const prefer = options.preferKinds ?? [];
    const scored: Scored[] = [];
    for (const section of candidates) {
      const result = score(section, reading);
      if (result.coverage <= 0) continue;
      const kind = section.passage.kind;
      const preference = (prefer.includes(kind) || kind === "FAQ" ? 1.3 : 1) * (kind === "FAQ" ? 1.2 : 1);
      const relevance = maxBm25 > 0 ? (bm25.get(section.id) ?? 0) / maxBm25 : 0;
      // Coverage decides; BM25 (term frequency, field weights) only separates near ties.
      scored.push({ ...result, rank: result.coverage * (0.85 + 0.15 * relevance) * preference });
    }
    scored.sort((a, b) => b.rank - a.rank);
    return { reading, scored };
  }

  const sourceOf = (passage: Passage) => ({
    title:
      passage.heading && passage.kind !== "FAQ" ? `${passage.sourceTitle}: ${passage.heading}` : passage.sourceTitle,
    url: passage.sourceUrl,
  });

  const quoteOf = (sentences: Sentence[]) =>
    sentences
      .map((s, i) => (i > 0 && s.paragraph !== sentences[i - 1].paragraph ? `\n${s.text}` : s.text))
      .join(" ")
      .replace(/ \n/g, "\n");

  return {
    size: sections.length,
    answer(question, options = {}) {
      if (sections.length === 0) return null;
      const { reading, scored } = rankAll(question, options);
      const notListed = reading.shipping ? reading.destinations.filter((d) => coverage.length > 0 && !listed(d)) : [];
      if (notListed.length) {
        // The list of where the shop ships, with the most places: what the shopper can be shown.
        const list = [...coverage].sort(
          (a, b) =>
            Number(b.section.passage.kind === "SHIPPING_POLICY") -
              Number(a.section.passage.kind === "SHIPPING_POLICY") ||
            new Set(b.sentence.places.map((p) => p.code)).size - new Set(a.sentence.places.map((p) => p.code)).size,
        )[0];
        const shown = scored.find((s) => s.section === list.section);
        return {
          passage: list.section.passage,
          quote: list.sentence.text,
          source: sourceOf(list.section.passage),
          // The destination is answered (it is not listed); the rest as that section covers it.
          score: shown ? Math.max(shown.coverage, 0.5) : 0.5,
          rank: shown?.rank ?? 0,
          matched: shown?.matched ?? [],
          answers: true,
          evidence: (shown?.evidence ?? 0) + 1,
          topics: shown?.topics ?? 0,
          destinations: reading.destinations,
          notListed,
        };
      }
      const best = scored[0];
      if (!best) return null;
      return {
        passage: best.section.passage,
        quote: quoteOf(best.quoted),
        source: sourceOf(best.section.passage),
        score: best.coverage,
        rank: best.rank,
        matched: best.matched,
        answers: best.coverage >= ANSWER_MIN_SCORE && best.evidence > 0,
        evidence: best.evidence,
        topics: best.topics,
        destinations: reading.destinations,
        notListed: [],
      };
    },
    search(query, { preferKinds = [], emphasize = [], limit = 3 } = {}) {
      if (sections.length === 0) return [];
      const destinations = emphasize.filter((name) => destinationCode(name) !== null);
      const { scored } = rankAll(query, { preferKinds, destinations });
      return scored
        .filter((s) => s.matched.length > 0)
        .slice(0, limit)
        .map((s) => ({
          passage: { ...s.section.passage, text: quoteOf(s.quoted) },
          score: s.rank,
          matched: s.matched,
        }));
    },
  };
}

/** Below this share of the question covered, a section is not quoted as its answer. */
export const ANSWER_MIN_SCORE = 0.5;

/** A strong match: most of what the question asks is in one section of the shop's knowledge. */
export const STRONG_KNOWLEDGE_MATCH = 0.75;

/**
 * Whether the shop's knowledge answers a message, for a message the intent classifier could
 * not place ("is VAT included?"): the answer and its coverage of the question (0 to 1).
 * `strong` when the score is at least STRONG_KNOWLEDGE_MATCH and the section answers topic
 * words of the message weighing 1 or more (two fairly rare words: "VAT" and "included"), or
 * some and the destination it names. One shared word ("what's my name" and a privacy policy's
 * "name, email, addresses"), or a few common ones ("pay day" and "paid", "days"), is a
 * coincidence, not an answer.
 */
export function knowledgeAnswers(
  query: string,
  knowledge: { index: KnowledgeIndex },
  options: AnswerOptions = {},
): { hit: KnowledgeAnswer | null; score: number; strong: boolean } {
  const hit = knowledge.index.answer(query, options);
  if (!hit) return { hit: null, score: 0, strong: false };
  const score = Number(hit.score.toFixed(3));
  return {
    hit,
    score,
    strong:
      hit.answers &&
      score >= STRONG_KNOWLEDGE_MATCH &&
      (hit.topics >= 1 || (hit.topics > 0 && hit.destinations.length > 0 && hit.notListed.length === 0)),
  };
}

/** A destination's name for the shopper ("DE" → "Germany"; "EU" → "the European Union"). */
export function destinationLabel(code: string): string {
  const name = countryName(code);
  return /^(united|european|netherlands|czech|philippines|bahamas|gambia)/i.test(name) ? `the ${name}` : name;
}
