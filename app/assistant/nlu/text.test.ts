import { describe, expect, it } from "vitest";
import { analyzeText, MAX_TEXT_LENGTH, normalizeText, stemToken, tokenize } from "./text";

describe("normalizeText", () => {
  it("GIVEN accents, full-width letters and curly quotes WHEN normalised THEN they fold to plain lower case", () => {
    expect(normalizeText("Café ＡＢＣ it’s")).toBe("cafe abc it's");
  });

  it("GIVEN Hangul WHEN normalised THEN syllables are recomposed rather than left as jamo", () => {
    expect(normalizeText("안녕")).toBe("안녕");
  });

  it("GIVEN something that is not a string WHEN normalised THEN it is empty", () => {
    expect(normalizeText(undefined)).toBe("");
    expect(normalizeText(42)).toBe("");
  });

  it("GIVEN a very long text WHEN normalised THEN it is capped", () => {
    expect(normalizeText("a".repeat(MAX_TEXT_LENGTH * 3)).length).toBe(MAX_TEXT_LENGTH);
  });
});

describe("tokenize and stemToken", () => {
  it("GIVEN a sentence with punctuation and a contraction WHEN tokenised THEN words and the contraction remain", () => {
    expect(tokenize("where's my order, #1001?")).toEqual(["where's", "my", "order", "1001"]);
  });

  it("GIVEN inflected words WHEN stemmed THEN they share a Porter2 stem", () => {
    expect(stemToken("cancelling")).toBe(stemToken("cancel"));
    expect(stemToken("deliveries")).toBe(stemToken("delivery"));
  });

  it("GIVEN numbers of different lengths WHEN stemmed THEN they fold into digit-count shapes", () => {
    expect(stemToken("1001")).toBe(stemToken("2042"));
    expect(stemToken("12")).not.toBe(stemToken("1001"));
  });

  it("GIVEN a text WHEN analysed THEN tokens and stems line up", () => {
    const analyzed = analyzeText("Shipping Options");
    expect(analyzed.tokens).toEqual(["shipping", "options"]);
    expect(analyzed.stems).toEqual(["ship", "option"]);
  });
});
