import { describe, expect, it } from "vitest";
import { shortTitle, tokenize } from "./text";

describe("tokenize", () => {
  it("GIVEN a title THEN words are lower-cased, stemmed, accent-free, without stopwords", () => {
    expect(tokenize("The Café's Red MUGS and Candles")).toEqual(["cafe", "red", "mug", "candl"]);
  });

  it("GIVEN two spellings of a colour THEN they meet in one term", () => {
    expect(tokenize("gray")).toEqual(tokenize("Grey"));
  });

  it("GIVEN numbers and nothing THEN numbers stay and empty input gives no words", () => {
    expect(tokenize("Set of 12")).toEqual(["set", "12"]);
    expect(tokenize(undefined)).toEqual([]);
    expect(tokenize("  --  ")).toEqual([]);
  });
});

describe("shortTitle", () => {
  it("GIVEN a long title THEN it is cut at a word with an ellipsis; a short one is untouched", () => {
    expect(shortTitle("Ceramic teapot")).toBe("Ceramic teapot");
    expect(shortTitle("A very long handmade ceramic teapot with a bamboo handle", 30)).toBe(
      "A very long handmade ceramic…",
    );
    expect(shortTitle("  spaced   out  ")).toBe("spaced out");
  });
});
