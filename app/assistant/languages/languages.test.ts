import { describe, expect, it } from "vitest";
import { isAnalysisLanguage } from "../nlu/analyzers";
import { COLOUR_VALUES } from "../nlu/entities";
import { SHOP_INTENTS } from "../nlu/shop-examples";
import { IntlMessageFormat } from "intl-messageformat";
import { MESSAGES as EN_MESSAGES, type MessageKey } from "./en/messages";
import { builtInExamplesFor, LANGUAGE_PACKS, languagePack, PACK_LANGUAGES, packLanguage, type LanguagePack } from ".";

/**
 * What every language folder must hold. A new part of a language (reply templates as
 * `messages`, say) gets a line here, so that a language without it fails.
 */
const REQUIRED_PARTS: { part: string; problems: (pack: LanguagePack) => string[] }[] = [
  {
    part: "examples for every shop intent",
    problems: (pack) =>
      SHOP_INTENTS.filter((intent) => (pack.examples[intent]?.length ?? 0) < 25).map(
        (intent) => `${intent}: ${pack.examples[intent]?.length ?? 0} examples, needs 25`,
      ),
  },
  {
    part: "out-of-scope examples",
    problems: (pack) =>
      pack.outOfScope.length >= 80 ? [] : [`${pack.outOfScope.length} out-of-scope examples, needs 80`],
  },
  {
    part: "no phrase twice",
    problems: (pack) => {
      const texts = builtInExamplesFor(pack.code).map((e) => e.text.trim().toLowerCase());
      return texts.filter((text, i) => texts.indexOf(text) !== i).map((text) => `"${text}" appears twice`);
    },
  },
  {
    part: "a text analyser",
    problems: (pack) => (isAnalysisLanguage(pack.code) ? [] : [`no analyser in nlu/analyzers.ts for ${pack.code}`]),
  },
  {
    part: "entity words that map onto the extractor's colours",
    problems: (pack) =>
      Object.entries(pack.entityLexicon?.colours ?? {})
        .filter(([, colour]) => !COLOUR_VALUES.has(colour))
        .map(([word, colour]) => `colour "${word}" maps to "${colour}", which the extractor does not know`),
  },
  {
    part: "every reply template, in valid ICU MessageFormat with English's placeholders",
    problems: (pack) =>
      (Object.keys(EN_MESSAGES) as MessageKey[]).flatMap((key) => {
        const template = pack.messages[key];
        if (typeof template !== "string" || !template.trim()) return [`no template "${key}"`];
        let names: string[];
        try {
          names = placeholdersOf(template);
        } catch (error) {
          return [`template "${key}" is not ICU MessageFormat: ${(error as Error).message}`];
        }
        const wanted = placeholdersOf(EN_MESSAGES[key]);
        return names.join() === wanted.join() ? [] : [`template "${key}" has {${names}}, English {${wanted}}`];
      }),
  },
  {
    part: "a lexicon unless English",
    problems: (pack) => (pack.code === "en" || pack.entityLexicon ? [] : ["no ENTITY_LEXICON"]),
  },
];

/** The argument names a template fills in, sorted. */
type Ast = ReturnType<IntlMessageFormat["getAst"]>;
// The parser's element types: 0 is literal text, 7 the "#" of a plural; the rest name an argument.
const LITERAL = 0;
const POUND = 7;
function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Ast) => {
    for (const element of elements) {
      if ((element.type as number) === LITERAL || (element.type as number) === POUND) continue;
      if ("value" in element && typeof element.value === "string") names.add(element.value);
      if ("options" in element)
        for (const option of Object.values(element.options) as { value: Ast }[]) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(template, "en").getAst());
  return [...names].sort();
}

describe("language packs", () => {
  it("GIVEN the registry WHEN listed THEN English, German, French and Spanish are there, keyed by their own code", () => {
    expect(PACK_LANGUAGES).toEqual(["en", "de", "fr", "es"]);
    for (const [code, pack] of Object.entries(LANGUAGE_PACKS)) expect(pack.code).toBe(code);
  });

  for (const { part, problems } of REQUIRED_PARTS) {
    it(`GIVEN every language WHEN checked for ${part} THEN none is missing`, () => {
      const found = PACK_LANGUAGES.flatMap((code) => problems(LANGUAGE_PACKS[code]).map((p) => `${code}: ${p}`));
      expect(found).toEqual([]);
    });
  }

  it("GIVEN a pack without an intent's examples WHEN checked THEN the check reports it", () => {
    const broken = { ...LANGUAGE_PACKS.de, examples: { ...LANGUAGE_PACKS.de.examples, shipping: [] } };
    expect(REQUIRED_PARTS[0].problems(broken)).toEqual(["shipping: 0 examples, needs 25"]);
  });

  it("GIVEN locale tags WHEN resolved THEN the base language is used, and unknown ones are refused", () => {
    expect(packLanguage("fr-CA")).toBe("fr");
    expect(packLanguage("DE_at")).toBe("de");
    expect(packLanguage("it")).toBeNull();
    expect(packLanguage(undefined)).toBeNull();
    expect(() => languagePack("nl")).toThrow(/no language pack for "nl"/);
  });

  it("GIVEN English WHEN its built-in set is built THEN it is the classifier's historic set, in the same order", () => {
    const english = builtInExamplesFor("en");
    expect(english[0]).toEqual({ text: "where is my order", intent: "order_status" });
    expect(english.length).toBe(
      SHOP_INTENTS.reduce((n, intent) => n + LANGUAGE_PACKS.en.examples[intent].length, 0) +
        LANGUAGE_PACKS.en.outOfScope.length,
    );
  });

  it("GIVEN cheap-price words WHEN matched per language THEN each language's own words count, not others'", () => {
    expect(LANGUAGE_PACKS.de.cheap.test("habt ihr günstige Sneaker")).toBe(true);
    expect(LANGUAGE_PACKS.fr.cheap.test("des bougies pas chères")).toBe(true);
    expect(LANGUAGE_PACKS.es.cheap.test("zapatillas baratas")).toBe(true);
    expect(LANGUAGE_PACKS.en.cheap.test("cheap mugs")).toBe(true);
    expect(LANGUAGE_PACKS.fr.cheap.test("une robe chère")).toBe(false);
    expect(LANGUAGE_PACKS.de.cheap.test("ein teures Kleid")).toBe(false);
  });
});
