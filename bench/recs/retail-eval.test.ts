import { describe, expect, it } from "vitest";
import { parseNaiveDate, type RetailLine } from "./online-retail";
import { CoPurchaseBaseline, catalogFrom, evaluateRetail, popularityRanking } from "./retail-eval";

const line = (invoiceNo: string, customerId: string, stockCode: string, date: string, price = 1): RetailLine => ({
  invoiceNo,
  stockCode,
  description: `ITEM ${stockCode}`,
  quantity: 1,
  invoiceDate: parseNaiveDate(date),
  unitPrice: price,
  customerId,
  country: "United Kingdom",
});

// A and B bought before the split and again in the window; C only in the window, D and E only before.
const LINES: RetailLine[] = [
  line("1", "A", "X", "2011-08-20 10:00"),
  line("1", "A", "Y", "2011-08-20 10:00"),
  line("2", "B", "Y", "2011-08-25 10:00"),
  line("2", "B", "Z", "2011-08-25 10:00"),
  line("3", "D", "W", "2011-08-10 10:00"),
  line("4", "E", "W", "2011-08-11 10:00", 2),
  line("0", "E", "V", "2011-06-01 10:00"),
  line("5", "A", "X", "2011-09-03 10:00"),
  line("5", "A", "Z", "2011-09-03 10:00"),
  line("6", "B", "Y", "2011-09-10 10:00"),
  line("7", "C", "X", "2011-09-12 10:00"),
  line("8", "A", "Q", "2011-10-02 10:00"),
];
const trainEnd = parseNaiveDate("2011-09-01");
const testEnd = parseNaiveDate("2011-10-01");
const train = LINES.filter((l) => l.invoiceDate < trainEnd);

describe("Online Retail protocol", () => {
  it("GIVEN the last 30 days of train THEN popularity ranks by distinct customers, ties by StockCode", () => {
    // V was bought before the 30 days.
    expect(popularityRanking(train, trainEnd)).toEqual(["W", "Y", "X", "Z"]);
  });

  it("GIVEN a history THEN plain co-purchase sums same-invoice counts over the history's products", () => {
    const baseline = new CoPurchaseBaseline(train);
    expect(baseline.rank(["X", "Y"], 10)).toEqual(["X", "Y", "Z"]);
    expect(baseline.rank(["Z"], 10)).toEqual(["Y"]);
    expect(baseline.rank(["unknown"], 10)).toEqual([]);
  });

  it("GIVEN StockCodes THEN each becomes an available product titled by its description, at its latest price", () => {
    const w = catalogFrom(train).find((p) => p.id === "W")!;
    expect(w).toMatchObject({ title: "ITEM W", price: 2, available: true, published: true });
  });

  it("GIVEN the split THEN only returning customers count, discover skips those with nothing new, and popularity scores as computed by hand", () => {
    const result = evaluateRetail(LINES, {
      trainEnd,
      testEnd,
      models: ["popularity", "copurchase", "itemKnn", "ease", "als"],
    });

    expect(result.customers).toBe(2);
    expect(result.discoverCustomers).toBe(1);
    const popularity = result.models.popularity!;
    // A: truth {X, Z} at ranks 3 and 4 of [W, Y, X, Z]; B: truth {Y} at rank 2.
    const ndcgA = (0.5 + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3));
    const ndcgB = 1 / Math.log2(3);
    expect(popularity.hr10).toBe(1);
    expect(popularity.ndcg10).toBeCloseTo((ndcgA + ndcgB) / 2, 5);
    // Discover: A bought X and Y in train, so A's list is [W, Z]: the new Z at rank 2.
    expect(popularity.hr10Discover).toBe(1);
    expect(popularity.ndcg10Discover).toBeCloseTo(1 / Math.log2(3), 5);
    // Everyone gets the same four products out of the five of train; discover lists add nothing else.
    expect(popularity.coverage).toBeCloseTo(4 / 5, 6);
    expect(popularity.coverageDiscover).toBeCloseTo(4 / 5, 6);
    expect(result.copurchaseFilled).toBe(2);
    for (const model of Object.values(result.models)) {
      for (const value of Object.values(model)) expect(value).toBeGreaterThanOrEqual(0);
    }
    expect(Object.keys(result.models).sort()).toEqual(["als", "copurchase", "ease", "itemKnn", "popularity"]);
  });

  it("GIVEN the app with its own validation THEN it never trains on the window it is tested on", () => {
    const result = evaluateRetail(LINES, { trainEnd, testEnd, models: ["app"], validate: true });
    // Two months of history: no fold has 30 customers, so the defaults serve and nothing was chosen.
    expect(result.validation?.default.validated).toBe(false);
    for (const fold of result.validation!.folds) expect(fold.testEnd).toBeLessThanOrEqual(trainEnd);
    expect(result.models.app!.hr10).toBeGreaterThanOrEqual(0);
  });
});
