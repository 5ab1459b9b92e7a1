import { CHEAP as ENGLISH_CHEAP } from "../../shopper-words";

/**
 * English is the extractor's own vocabulary (nlu/entities.ts): it needs no lexicon to be mapped
 * onto, so entities in English are exactly what they were before languages were added.
 */
export const ENTITY_LEXICON = null;

/** "cheap mugs": the shopper wants the cheapest first, without a figure. */
export const CHEAP = ENGLISH_CHEAP;
