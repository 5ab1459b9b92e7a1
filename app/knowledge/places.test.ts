import { describe, expect, it } from "vitest";
import { EUROPE, WORLD, destinationCode, destinationFit, placesIn, regionsOf } from "./places";
import { countryCode, namesFor } from "./regions";

const codes = (text: string, query = false) =>
  placesIn(text, { query }).map((p) => (p.negated ? `not ${p.code}` : p.code));

describe("places named in policies and questions", () => {
  it("GIVEN a list of destinations THEN each country and region by its code", () => {
    expect(
      codes(
        "We ship to the United Kingdom, the European Union, Switzerland, Norway, the United States, Canada and Australia.",
      ),
    ).toEqual(["GB", "EU", "CH", "NO", "US", "CA", "AU"]);
    expect(codes("EU, Switzerland and Norway: 4-8 business days. Europe and the rest of the world: 10 days.")).toEqual([
      "EU",
      "CH",
      "NO",
      EUROPE,
      WORLD,
    ]);
  });

  it("GIVEN places named by exclusion THEN they are marked negated, a whole list of them too", () => {
    expect(codes("Import duties and taxes outside the UK are paid by the recipient.")).toEqual(["not GB"]);
    expect(codes("We ship everywhere except Russia and Belarus.")).toEqual([WORLD, "not RU", "not BY"]);
    // A refusal to ship outside a place names that place as the only one.
    expect(codes("We do not ship outside the UK.")).toEqual(["GB"]);
  });

  it("GIVEN policy text THEN lower-case words that are also countries are not places; questions are read case-blind", () => {
    expect(codes("Fine bone china mugs and a turkey platter, shipped to us quickly.")).toEqual([]);
    expect(codes("how much to ship to germany or the uk?", true)).toEqual(["DE", "GB"]);
    expect(codes("can you tell us when it ships to the US?", true)).toEqual(["US"]);
  });

  it("GIVEN a destination THEN a sentence naming it fits best, then its region, then the world; another country not at all", () => {
    const fit = (destination: string, text: string) => destinationFit(destination, placesIn(text));
    expect(fit("DE", "Germany: 3 days.")).toBe(1);
    expect(fit("DE", "EU: 4-8 days.")).toBeGreaterThan(fit("DE", "Europe: 6 days.")!);
    expect(fit("DE", "Europe: 6 days.")).toBeGreaterThan(fit("DE", "Rest of the world: 10 days.")!);
    expect(fit("DE", "Import duties outside the UK are paid by the recipient.")).toBe(0.5);
    expect(fit("GB", "Import duties outside the UK are paid by the recipient.")).toBe(0);
    expect(fit("DE", "United States and Canada: 6-10 days.")).toBe(0);
    expect(fit("DE", "Orders leave us within a day.")).toBeNull();
  });

  it("GIVEN the names the dialogue uses THEN their codes, and the regions each belongs to", () => {
    expect(["Germany", "United States", "European Union", "uk", "DE"].map(destinationCode)).toEqual([
      "DE",
      "US",
      "EU",
      "GB",
      "DE",
    ]);
    expect(regionsOf("FR")).toEqual(["EU", EUROPE, WORLD]);
    expect(regionsOf("CH")).toEqual([EUROPE, WORLD]);
    expect(regionsOf("JP")).toEqual([WORLD]);
  });

  it("GIVEN a country name shared with a retired code THEN the current code (Germany is DE, not East Germany's DD)", () => {
    expect(countryCode("Germany")).toBe("DE");
    expect(countryCode("UK")).toBe("GB");
    expect(namesFor("Germany")).toContain("EU");
    expect(namesFor("EU")).toEqual(["European Union", "EU", "Europe"]);
  });
});
