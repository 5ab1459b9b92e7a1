import { describe, expect, it } from "vitest";
import { baseLanguage, detectLanguage, MIN_LETTERS, SCORE_MARGIN } from "./language";

const ALL = ["de", "fr", "es", "en"];

describe("detectLanguage", () => {
  it.each([
    ["Wo ist meine Bestellung? Ich warte seit zwei Wochen.", "de"],
    ["Kann ich die Jacke zurückschicken, wenn sie nicht passt?", "de"],
    ["Bonjour, je cherche un cadeau pour ma sœur", "fr"],
    ["Est-ce que la livraison est gratuite en Belgique ?", "fr"],
    ["¿Dónde está mi pedido? Lo compré la semana pasada", "es"],
    ["¿Tenéis esta camiseta en talla M?", "es"],
    ["Where is my order? I bought it last week", "en"],
    ["Do you ship to Canada?", "en"],
  ])("GIVEN the shopper sentence %j and an English storefront WHEN identified THEN it is %s", (text, language) => {
    const prior = language === "en" ? "de" : "en";
    const result = detectLanguage(text, { candidates: ALL, prior });
    expect(result.language).toBe(language);
    expect(result.confident).toBe(true);
    expect(result.scores[language as "en"]).toBeGreaterThan(0);
  });

  it.each([
    ["Danke", "de"],
    ["merci beaucoup", "fr"],
    ["gracias", "es"],
    ["livraison ?", "fr"],
  ])(
    "GIVEN the short message %j on another storefront WHEN identified THEN its own language wins",
    (text, language) => {
      expect(detectLanguage(text, { candidates: ALL, prior: "en" }).language).toBe(language);
    },
  );

  it.each(["#1001", "1001", "ok", "?!", "🙂", "", "   "])(
    "GIVEN %j, which has too few letters to tell WHEN identified THEN the storefront locale stays, unsure",
    (text) => {
      expect(detectLanguage(text, { candidates: ALL, prior: "fr" })).toEqual({
        language: "fr",
        confident: false,
        scores: {},
      });
    },
  );

  it("GIVEN a message that is only a product name the shop sells WHEN identified with it ignored THEN the storefront locale stays", () => {
    const ignore = ["Nike Air Max 90", "Air Max"];
    // Without the hint the brand reads as French: names carry no language.
    expect(detectLanguage("Nike Air Max 90", { candidates: ALL, prior: "de" }).language).not.toBe("de");
    expect(detectLanguage("Nike Air Max 90", { candidates: ALL, prior: "de", ignore })).toEqual({
      language: "de",
      confident: false,
      scores: {},
    });
    expect(detectLanguage("nike air max 90 ?", { candidates: ALL, prior: "es", ignore }).language).toBe("es");
  });

  it("GIVEN a French question naming an English product WHEN the name is ignored THEN it is French", () => {
    const text = "Avez-vous les Nike Air Max 90 en pointure 42 ?";
    expect(detectLanguage(text, { candidates: ALL, prior: "en", ignore: ["Nike Air Max 90"] }).language).toBe("fr");
  });

  it("GIVEN an order number and an e-mail address in a German sentence WHEN identified THEN they do not sway it", () => {
    const text = "Bestellung #1001 an anna@example.com ist noch nicht angekommen";
    expect(detectLanguage(text, { candidates: ALL, prior: "en" }).language).toBe("de");
  });

  it("GIVEN a mixed message that is mostly English WHEN identified THEN English wins over the German storefront", () => {
    const result = detectLanguage("Hallo, do you ship to Canada and how long does it take?", {
      candidates: ALL,
      prior: "de",
    });
    expect(result.language).toBe("en");
  });

  it("GIVEN a message whose best language leads the prior by less than the margin WHEN identified THEN the prior stays", () => {
    // "Hallo" scores German and Spanish almost alike; with a Spanish storefront that is no evidence.
    const scores = detectLanguage("Hallo", { candidates: ALL }).scores;
    expect(Math.abs((scores.de ?? 0) - (scores.es ?? 0))).toBeLessThan(SCORE_MARGIN);
    expect(detectLanguage("Hallo", { candidates: ALL, prior: "es" })).toMatchObject({
      language: "es",
      confident: false,
    });
  });

  it("GIVEN no storefront hint WHEN identified THEN the best guess comes back, even for one word", () => {
    expect(detectLanguage("gracias", { candidates: ALL }).language).toBe("es");
    expect(detectLanguage("Versand", { candidates: ALL }).language).toBe("de");
    // Nothing to go on and no prior: the first candidate, flagged as a guess.
    expect(detectLanguage("#1001", { candidates: ["fr", "de"] })).toMatchObject({ language: "fr", confident: false });
  });

  it("GIVEN candidates as locale tags and unsupported ones WHEN identified THEN only supported base languages can come back", () => {
    const result = detectLanguage("Wo ist meine Bestellung?", {
      candidates: ["de-AT", "it-IT", "fr-CA"],
      prior: "fr-CA",
    });
    expect(result.language).toBe("de");
    expect(Object.keys(result.scores).every((l) => l === "de" || l === "fr")).toBe(true);
  });

  it("GIVEN a storefront locale outside the candidates WHEN identified THEN it is a candidate too", () => {
    expect(detectLanguage("merci", { candidates: ["de"], prior: "fr" }).language).toBe("fr");
  });

  it("GIVEN one candidate WHEN identified THEN it is the answer, with nothing decided", () => {
    expect(detectLanguage("Where is my order?", { candidates: ["de"] })).toEqual({
      language: "de",
      confident: false,
      scores: {},
    });
  });

  it("GIVEN no supported candidate WHEN identified THEN it refuses", () => {
    expect(() => detectLanguage("hello", { candidates: ["it", "nl"] })).toThrow(/supported candidate/);
  });

  it("GIVEN input that is not a string or is very long WHEN identified THEN it never throws", () => {
    expect(detectLanguage(undefined, { candidates: ALL, prior: "en" }).language).toBe("en");
    expect(detectLanguage(42, { candidates: ALL, prior: "de" }).language).toBe("de");
    const long = "Où est ma commande ? ".repeat(500);
    expect(detectLanguage(long, { candidates: ALL, prior: "en" }).language).toBe("fr");
  });

  it("GIVEN ignore phrases with regular-expression characters WHEN identified THEN they are matched literally", () => {
    expect(() =>
      detectLanguage("Levi's (501) [blue]", { candidates: ALL, ignore: ["(501)", "[blue", "a+b*"] }),
    ).not.toThrow();
    expect(detectLanguage("C++ Buch", { candidates: ALL, prior: "fr", ignore: ["C++ Buch"] }).language).toBe("fr");
  });

  it("GIVEN the letter floor WHEN text has exactly that many letters THEN identification runs", () => {
    expect(MIN_LETTERS).toBe(3);
    expect(detectLanguage("oui", { candidates: ALL, prior: "en" }).scores).not.toEqual({});
  });
});

describe("baseLanguage", () => {
  it("GIVEN locale tags in any case WHEN reduced THEN supported base codes come back, others null", () => {
    expect(baseLanguage("fr-CA")).toBe("fr");
    expect(baseLanguage("DE")).toBe("de");
    expect(baseLanguage("es_MX")).toBe("es");
    expect(baseLanguage("pt-BR")).toBeNull();
    expect(baseLanguage(undefined)).toBeNull();
  });
});
