import { describe, expect, it } from "vitest";
import { extractEntities, type Entity, type EntityType } from "./entities";
import { parseDecimalCommaNumber } from "./entity-lexicon";

const ofType = <T extends EntityType>(entities: Entity[], type: T) =>
  entities.filter((e): e is Extract<Entity, { type: T }> => e.type === type);
const first = (language: string, text: string, type: EntityType) => {
  const found = extractEntities(text, null, { language }).filter((e) => e.type === type);
  return found[0] ? { ...found[0], start: undefined, end: undefined } : undefined;
};

describe("extractEntities in German, French and Spanish: money", () => {
  it.each([
    ["de", "das Kleid für 20 €", 20],
    ["de", "kostet 20,50 €", 20.5],
    ["de", "€20 wären ok", 20],
    ["de", "20 Euro", 20],
    ["de", "für 1.000,50 €", 1000.5],
    ["de", "1.500 Euro", 1500],
    ["fr", "à 20,50 €", 20.5],
    ["fr", "1 000 €", 1000],
    ["fr", "1\u202f000,50 €", 1000.5],
    ["fr", "vingt euros", 20],
    ["es", "cuesta 20 €", 20],
    ["es", "1.000,50 €", 1000.5],
    ["es", "15 euros", 15],
  ])("GIVEN %s %j WHEN extracted THEN %d EUR", (language, text, amount) => {
    expect(first(language, text, "money")).toMatchObject({ amount, currency: "EUR" });
  });

  it("GIVEN a figure with a decimal comma WHEN parsed THEN thousands and decimals are told apart", () => {
    expect(parseDecimalCommaNumber("1.000,50")).toBe(1000.5);
    expect(parseDecimalCommaNumber("1.000")).toBe(1000);
    expect(parseDecimalCommaNumber("9.5")).toBe(9.5);
    expect(parseDecimalCommaNumber("20,5")).toBe(20.5);
    expect(parseDecimalCommaNumber("1,000.50")).toBeNull();
  });

  it("GIVEN English WHEN extracted with or without the language option THEN it reads the English way", () => {
    const text = "a gift under £1,200.50 in navy blue, order #1001";
    expect(extractEntities(text, null, { language: "en" })).toEqual(extractEntities(text));
    expect(first("en", "1,200.50 dollars", "money")).toMatchObject({ amount: 1200.5, currency: "USD" });
  });
});

describe("extractEntities in German, French and Spanish: budgets and ranges", () => {
  it.each([
    ["de", "unter 20 Euro", null, 20],
    ["de", "bis 20 €", null, 20],
    ["de", "höchstens 15 Euro", null, 15],
    ["de", "nicht mehr als 30 €", null, 30],
    ["de", "zwischen 10 und 20 €", 10, 20],
    ["de", "von 10 bis 20 Euro", 10, 20],
    ["de", "ab 50 €", 50, null],
    ["de", "mindestens 40 Euro", 40, null],
    ["fr", "moins de 20 euros", null, 20],
    ["fr", "pas plus de 15 €", null, 15],
    ["fr", "jusqu'à 30 €", null, 30],
    ["fr", "jusqu’à 30 €", null, 30],
    ["fr", "de 10 à 20 euros", 10, 20],
    ["fr", "entre 10 et 20 €", 10, 20],
    ["fr", "plus de 100 €", 100, null],
    ["es", "menos de 20 €", null, 20],
    ["es", "hasta 15 euros", null, 15],
    ["es", "no más de 10 €", null, 10],
    ["es", "entre 10 y 20 €", 10, 20],
    ["es", "de 10 a 20 euros", 10, 20],
    ["es", "10-20 €", 10, 20],
    ["es", "como máximo 25 €", null, 25],
  ])("GIVEN %s %j WHEN extracted THEN min %s, max %s", (language, text, min, max) => {
    expect(first(language, text, "price_range")).toMatchObject({ min, max, currency: "EUR", text });
  });

  it("GIVEN a figure that is an age or a duration WHEN extracted THEN it is no budget", () => {
    expect(ofType(extractEntities("ein Spielzeug für unter 5 Jahre", null, { language: "de" }), "price_range")).toEqual(
      [],
    );
    expect(ofType(extractEntities("livré en moins de 3 jours", null, { language: "fr" }), "price_range")).toEqual([]);
    expect(ofType(extractEntities("para menos de 2 años", null, { language: "es" }), "price_range")).toEqual([]);
  });

  it("GIVEN a French or Spanish word that only means 'from' before a figure WHEN not before one THEN nothing is made of it", () => {
    expect(extractEntities("une robe de soirée", null, { language: "fr" })).toEqual([]);
    expect(extractEntities("un jersey de lana", null, { language: "es" })).toEqual([]);
  });
});

describe("extractEntities in German, French and Spanish: colours, sizes, quantities, orders", () => {
  it.each([
    ["de", "eine rote Jacke", "red"],
    ["de", "dunkelblaue Hose", "dark blue"],
    ["de", "den weissen Pulli", "white"],
    ["fr", "une robe bleu marine", "navy blue"],
    ["fr", "des chaussures noires", "black"],
    ["fr", "un pull vert foncé", "dark green"],
    ["es", "unas zapatillas rojas", "red"],
    ["es", "un abrigo azul marino", "navy blue"],
    ["es", "camisetas blancas", "white"],
  ])("GIVEN %s %j WHEN extracted THEN the colour is %s", (language, text, value) => {
    expect(ofType(extractEntities(text, null, { language }), "colour").map((c) => c.value)).toEqual([value]);
  });

  it.each([
    ["de", "in Größe 38", "38"],
    ["de", "Grösse M bitte", "M"],
    ["de", "gibt es das in EU 42", "EU 42"],
    ["fr", "en taille M", "M"],
    ["fr", "pointure 40", "40"],
    ["fr", "taille unique", "one size"],
    ["es", "talla L", "L"],
    ["es", "en la talla 40", "40"],
    ["es", "talla única", "one size"],
  ])("GIVEN %s %j WHEN extracted THEN the size is %s", (language, text, value) => {
    expect(ofType(extractEntities(text, null, { language }), "size").map((s) => s.value)).toEqual([value]);
  });

  it.each([
    ["de", "ich brauche zwei davon", 2],
    ["de", "3 Stück bitte", 3],
    ["fr", "je veux deux pulls", 2],
    ["fr", "une douzaine de bougies", 12],
    ["es", "necesito tres", 3],
    ["es", "un par de calcetines", 2],
  ])("GIVEN %s %j WHEN extracted THEN the quantity is %d", (language, text, value) => {
    expect(ofType(extractEntities(text, null, { language }), "quantity").map((q) => q.value)).toEqual([value]);
  });

  it.each([
    ["de", "wo ist meine Bestellung 1042", "1042"],
    ["de", "Bestellnummer: 1042", "1042"],
    ["de", "mein Paket 2291 ist nicht angekommen", "2291"],
    ["fr", "commande n° 1042", "1042"],
    ["fr", "commande nº 1042", "1042"],
    ["fr", "mon colis 2291 n'est pas arrivé", "2291"],
    ["es", "pedido 1042", "1042"],
    ["es", "pedido número 1042", "1042"],
    ["es", "mi paquete 2291 no ha llegado", "2291"],
  ])("GIVEN %s %j WHEN extracted THEN the order number is %s", (language, text, value) => {
    expect(ofType(extractEntities(text, null, { language }), "order_number").map((o) => o.value)).toEqual([value]);
  });

  it.each([
    ["de", "das zweite bitte", 2],
    ["de", "der letzte Artikel", -1],
    ["fr", "le deuxième", 2],
    ["fr", "la 2e", 2],
    ["es", "el segundo", 2],
    ["es", "la última opción", -1],
  ])("GIVEN %s %j WHEN extracted THEN it points at item %d", (language, text, value) => {
    expect(ofType(extractEntities(text, null, { language }), "ordinal").map((o) => o.value)).toEqual([value]);
  });

  it("GIVEN an email and an order number in a German sentence WHEN extracted THEN both are found, quoted as written", () => {
    const text = "Bestellung 1042, meine Mail ist Anna.Muster@example.de";
    const entities = extractEntities(text, null, { language: "de" });
    expect(ofType(entities, "email").map((e) => e.value)).toEqual(["anna.muster@example.de"]);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it("GIVEN a French catalog WHEN a product is named THEN it is matched as written, not as translated", async () => {
    const { buildCatalogVocabulary } = await import("./entities");
    const vocabulary = buildCatalogVocabulary({ productTitles: [{ id: "1", title: "Robe rouge Camille" }] });
    const products = ofType(extractEntities("la robe rouge camille en 38", vocabulary, { language: "fr" }), "product");
    expect(products.map((p) => p.id)).toEqual(["1"]);
  });
});
