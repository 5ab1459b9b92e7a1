import { describe, expect, it } from "vitest";
import { analyzerFor, ANALYSIS_LANGUAGES, isAnalysisLanguage, stopWordsOf } from "./analyzers";
import { analyzeText } from "./text";

describe("analyzerFor", () => {
  it("GIVEN no language or English WHEN asked THEN it is text.ts's analyser itself, so English features are unchanged", () => {
    expect(analyzerFor()).toBe(analyzeText);
    expect(analyzerFor("en")).toBe(analyzeText);
  });

  it("GIVEN German inflections and umlauts WHEN analysed THEN they share Snowball stems, with and without accents", () => {
    const de = analyzerFor("de");
    expect(de("Bestellungen").stems).toEqual(de("Bestellung").stems);
    expect(de("Größe").stems).toEqual(de("grosse").stems);
    expect(de("Rücksendung").stems).toEqual(["rucksend"]);
    expect(de("Rücksendung").tokens).toEqual(["rucksendung"]);
  });

  it("GIVEN French plurals and accents WHEN analysed THEN they share a stem; tokens are folded for character n-grams", () => {
    const fr = analyzerFor("fr");
    expect(fr("livraisons").stems).toEqual(fr("livraison").stems);
    expect(fr("téléphone").stems).toEqual(fr("telephone").stems);
    expect(fr("Où est ma commande ?").tokens).toEqual(["ou", "est", "ma", "commande"]);
  });

  it("GIVEN Spanish verb and noun forms WHEN analysed THEN they share a stem", () => {
    const es = analyzerFor("es");
    expect(es("pedidos").stems).toEqual(es("pedido").stems);
    expect(es("envío").stems).toEqual(es("envio").stems);
    expect(es("devoluciones").stems).toEqual(es("devolución").stems);
  });

  it("GIVEN the English stemmer on German WHEN compared THEN the German one merges what Porter2 keeps apart", () => {
    // The reason for a stemmer per language: "-ungen" and "-en" are German endings.
    expect(analyzeText("bestellungen").stems).not.toEqual(analyzeText("bestellung").stems);
    expect(analyzerFor("de")("bestellungen").stems).toEqual(analyzerFor("de")("bestellung").stems);
  });

  it("GIVEN numbers WHEN analysed in any language THEN they fold into the same digit-count shapes as in English", () => {
    for (const language of ANALYSIS_LANGUAGES) {
      expect(analyzerFor(language)("1001").stems).toEqual(analyzeText("2042").stems);
    }
  });

  it("GIVEN stop-word removal WHEN analysed THEN stop words leave the stems but not the tokens", () => {
    const de = analyzerFor("de", { removeStopWords: true })("Wo ist meine Bestellung");
    expect(de.tokens).toEqual(["wo", "ist", "meine", "bestellung"]);
    expect(de.stems).toEqual(["bestell"]);
    const en = analyzerFor("en", { removeStopWords: true })("where is my order");
    expect(en.tokens).toEqual(["where", "is", "my", "order"]);
    expect(en.stems).toEqual(["order"]);
    // Off by default: "nicht" carries the intent.
    expect(analyzerFor("de")("nicht bestellt").stems).toContain("nicht");
  });

  it("GIVEN odd input WHEN analysed THEN it is empty rather than an error", () => {
    for (const language of ANALYSIS_LANGUAGES) {
      expect(analyzerFor(language)(undefined)).toEqual({ tokens: [], stems: [] });
      expect(analyzerFor(language)("🙂 !!").stems).toEqual([]);
    }
    const long = analyzerFor("fr")("a".repeat(40));
    expect(long.stems).toEqual(["a".repeat(40)]);
  });

  it("GIVEN a language without an analyser WHEN asked THEN it refuses by name", () => {
    expect(() => analyzerFor("it")).toThrow(/no text analyser for language "it"/);
    expect(isAnalysisLanguage("de")).toBe(true);
    expect(isAnalysisLanguage("pt")).toBe(false);
  });

  it("GIVEN the stop lists WHEN read THEN each language has its own, folded", () => {
    expect(stopWordsOf("de").has("und")).toBe(true);
    expect(stopWordsOf("fr").has("ete")).toBe(true);
    expect(stopWordsOf("fr").has("été")).toBe(false);
    expect(stopWordsOf("es").has("que")).toBe(true);
    expect(stopWordsOf("en").has("the")).toBe(true);
    expect(stopWordsOf("de").has("the")).toBe(false);
  });
});
