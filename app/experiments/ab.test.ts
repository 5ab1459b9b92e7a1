import murmurhash from "murmurhash";
import { describe, expect, it } from "vitest";
import {
  assignVariant,
  bucket,
  computeMetrics,
  exposureFor,
  validateExperiment,
  verdict,
  type Experiment,
  type ExperimentEvent,
  type ExperimentInput,
} from "./ab";
import { twoProportionZTest } from "./significance";

function experiment(overrides: Partial<ExperimentInput> = {}): Experiment {
  const result = validateExperiment({
    id: "greet-1",
    name: "Greeting test",
    kind: "greeting",
    status: "running",
    variants: [
      { id: "a", name: "A", payload: "tpl-a" },
      { id: "b", name: "B", payload: "tpl-b" },
    ],
    ...overrides,
  });
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join("\n"));
  return result.experiment;
}

const visitors = (count: number, prefix = "visitor") => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe("assignment", () => {
  it("GIVEN MurmurHash3 reference vectors WHEN hashed THEN the library matches them (assignments survive a port)", () => {
    expect(murmurhash.v3("")).toBe(0);
    expect(murmurhash.v3("hello")).toBe(0x248bfa47);
    expect(murmurhash.v3("The quick brown fox jumps over the lazy dog")).toBe(0x2e4ff723);
  });

  it("GIVEN a visitor WHEN assigned repeatedly, after a JSON round trip, THEN the variant never changes", () => {
    const exp = experiment();
    const copy = JSON.parse(JSON.stringify(exp)) as Experiment;
    for (const key of visitors(500)) {
      const first = assignVariant(exp, key)!.id;
      expect(assignVariant(exp, key)!.id).toBe(first);
      expect(assignVariant(copy, key)!.id).toBe(first);
    }
    // Pinned values: a change to the hash input format would silently reshuffle live tests.
    expect(bucket("exp-1", "visitor-1")).toBeCloseTo(0.8486119667068124, 15);
    expect(bucket("exp-1", "visiteur-é✓")).toBeCloseTo(0.9660543305799365, 15);
  });

  it.each([
    [
      [1, 1],
      [0.5, 0.5],
    ],
    [
      [1, 3],
      [0.25, 0.75],
    ],
    [
      [50, 30, 20],
      [0.5, 0.3, 0.2],
    ],
  ])("GIVEN weights %j WHEN 20,000 visitors arrive THEN the split is %j within 1.5 points", (weights, shares) => {
    const exp = experiment({
      variants: weights.map((weight, i) => ({ id: `v${i}`, name: `V${i}`, payload: `p${i}`, weight })),
    });
    const counts = new Map<string, number>();
    for (const key of visitors(20_000)) {
      const id = assignVariant(exp, key)!.id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    shares.forEach((share, i) => expect(Math.abs((counts.get(`v${i}`) ?? 0) / 20_000 - share)).toBeLessThan(0.015));
  });

  it("GIVEN two experiments WHEN the same visitors are assigned THEN the assignments are independent", () => {
    const one = experiment({ id: "exp-one" });
    const two = experiment({ id: "exp-two" });
    let same = 0;
    const keys = visitors(10_000);
    for (const key of keys) if (assignVariant(one, key)!.id === assignVariant(two, key)!.id) same++;
    expect(Math.abs(same / keys.length - 0.5)).toBeLessThan(0.02);
  });

  it("GIVEN an experiment that is not running WHEN assigned THEN nobody is in it", () => {
    expect(assignVariant(experiment({ status: "draft" }), "v")).toBeNull();
    expect(assignVariant(experiment({ status: "stopped" }), "v")).toBeNull();
  });

  it("GIVEN a segment WHEN a shopper is outside it THEN they are not in the experiment", () => {
    const exp = experiment({ segment: "vip" });
    expect(assignVariant(exp, "v", { segments: ["new_visitor"] })).toBeNull();
    expect(assignVariant(exp, "v", { segments: ["vip"] })).not.toBeNull();
  });

  it("GIVEN a 30 % traffic share WHEN raised to 60 % THEN about that many enter and nobody changes variant", () => {
    const keys = visitors(20_000);
    const at30 = experiment({ traffic: 0.3 });
    const at60 = experiment({ traffic: 0.6 });
    const inAt30 = keys.filter((key) => assignVariant(at30, key) !== null);
    expect(Math.abs(inAt30.length / keys.length - 0.3)).toBeLessThan(0.015);
    for (const key of inAt30) expect(assignVariant(at60, key)!.id).toBe(assignVariant(at30, key)!.id);
  });

  it("GIVEN a visitor in the experiment WHEN shown the variant THEN the exposure event names it", () => {
    const exp = experiment();
    const now = new Date("2025-06-01T00:00:00Z");
    expect(exposureFor(exp, "visitor-1", now)).toEqual({
      type: "exposure",
      experimentId: "greet-1",
      variantId: assignVariant(exp, "visitor-1")!.id,
      visitorKey: "visitor-1",
      at: "2025-06-01T00:00:00.000Z",
    });
    expect(exposureFor(experiment({ status: "draft" }), "visitor-1", now)).toBeNull();
  });
});

describe("metrics from events", () => {
  const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 0, minute)).toISOString();
  const exp = experiment();
  const events: ExperimentEvent[] = [
    { type: "exposure", experimentId: "greet-1", variantId: "a", visitorKey: "v1", at: at(0) },
    { type: "exposure", experimentId: "greet-1", variantId: "a", visitorKey: "v2", at: at(0) },
    { type: "exposure", experimentId: "greet-1", variantId: "b", visitorKey: "v3", at: at(0) },
    { type: "exposure", experimentId: "greet-1", variantId: "b", visitorKey: "v4", at: at(1) },
    { type: "exposure", experimentId: "greet-1", variantId: "a", visitorKey: "v4", at: at(5) }, // conflicting, later
    { type: "exposure", experimentId: "other", variantId: "a", visitorKey: "v9", at: at(0) }, // another experiment
    { type: "click", experimentId: "greet-1", visitorKey: "v1", at: at(2) },
    { type: "click", experimentId: "greet-1", visitorKey: "v1", at: at(3) }, // second click, same visitor
    { type: "add_to_cart", experimentId: "greet-1", visitorKey: "v1", at: at(4) },
    { type: "purchase", experimentId: "greet-1", visitorKey: "v1", at: at(6), revenue: 30 },
    { type: "purchase", experimentId: "greet-1", visitorKey: "v1", at: at(9), revenue: 10 },
    { type: "click", experimentId: "greet-1", visitorKey: "v4", at: at(2) },
    { type: "purchase", experimentId: "greet-1", visitorKey: "v4", at: at(3), revenue: 25 },
    { type: "click", experimentId: "greet-1", visitorKey: "v3", at: at(0) },
    { type: "click", experimentId: "greet-1", visitorKey: "v2", at: new Date(Date.UTC(2025, 4, 31)).toISOString() }, // before exposure
    { type: "purchase", experimentId: "greet-1", visitorKey: "stranger", at: at(3), revenue: 99 }, // never exposed
  ];

  it("GIVEN an event log WHEN computed THEN visitors, rates and revenue per visitor are per visitor", () => {
    const metrics = computeMetrics(exp, events);
    const [a, b] = metrics.variants;
    expect(a).toMatchObject({
      variantId: "a",
      visitors: 2,
      clickers: 1,
      addToCarters: 1,
      buyers: 1,
      revenue: 40,
      clickThroughRate: 0.5,
      addToCartRate: 0.5,
      conversionRate: 0.5,
      revenuePerVisitor: 20,
    });
    expect(a.revenueSummary).toEqual({ n: 2, mean: 20, variance: 800 });
    expect(b).toMatchObject({ visitors: 2, clickers: 2, buyers: 1, revenue: 25, revenuePerVisitor: 12.5 });
    expect(metrics.ignoredOutcomes).toBe(2);
    expect(metrics.conflictingVisitors).toBe(1);
  });

  it("GIVEN events in any order WHEN computed THEN the result is the same", () => {
    expect(computeMetrics(exp, [...events].reverse())).toEqual(computeMetrics(exp, events));
  });
});

describe("verdict", () => {
  /** Events for `n` visitors per variant with the given numbers of buyers and clickers. */
  function log(
    spec: Record<string, { visitors: number; buyers: number; clickers?: number; revenue?: (i: number) => number }>,
  ) {
    const events: ExperimentEvent[] = [];
    const at = "2025-06-01T00:00:00.000Z";
    const later = "2025-06-01T00:10:00.000Z";
    for (const [variantId, { visitors: n, buyers, clickers = 0, revenue = () => 20 }] of Object.entries(spec)) {
      for (let i = 0; i < n; i++) {
        const visitorKey = `${variantId}-${i}`;
        events.push({ type: "exposure", experimentId: "greet-1", variantId, visitorKey, at });
        if (i < clickers) events.push({ type: "click", experimentId: "greet-1", visitorKey, at: later });
        if (i < buyers) {
          events.push({ type: "purchase", experimentId: "greet-1", visitorKey, at: later, revenue: revenue(i) });
        }
      }
    }
    return events;
  }

  it("GIVEN too few visitors WHEN judged THEN it says how many of how many", () => {
    const exp = experiment();
    const result = verdict(
      exp,
      computeMetrics(exp, log({ a: { visitors: 37, buyers: 5 }, b: { visitors: 120, buyers: 9 } })),
    );
    expect(result).toEqual({
      status: "not_enough_data",
      message: "Not enough data yet: 37 of 100 visitors",
      comparisons: [],
    });
  });

  it("GIVEN enough visitors but too few conversions WHEN judged THEN it says so", () => {
    const exp = experiment();
    const result = verdict(
      exp,
      computeMetrics(exp, log({ a: { visitors: 150, buyers: 6 }, b: { visitors: 150, buyers: 12 } })),
    );
    expect(result.message).toBe("Not enough data yet: 6 of 10 conversions");
  });

  it("GIVEN a clear difference in conversion WHEN judged THEN it names the winner with rates and p", () => {
    const exp = experiment();
    const metrics = computeMetrics(
      exp,
      log({ a: { visitors: 5000, buyers: 160 }, b: { visitors: 5000, buyers: 205 } }),
    );
    const result = verdict(exp, metrics);
    const expectedP = twoProportionZTest(205, 5000, 160, 5000).pValue;
    expect(expectedP).toBeCloseTo(0.0164, 4);
    expect(result).toMatchObject({
      status: "winner",
      winner: "b",
      message: "B converts better than A: 4.1% vs 3.2%, p = 0.016",
    });
    expect(result.comparisons[0]).toMatchObject({ test: "two-proportion z-test (pooled)", threshold: 0.05 });
  });

  it("GIVEN the variant significantly worse WHEN judged THEN the control wins", () => {
    const exp = experiment();
    const metrics = computeMetrics(
      exp,
      log({ a: { visitors: 5000, buyers: 205 }, b: { visitors: 5000, buyers: 160 } }),
    );
    expect(verdict(exp, metrics)).toMatchObject({
      winner: "a",
      message: "A converts better than B: 4.1% vs 3.2%, p = 0.016",
    });
  });

  it("GIVEN a small difference WHEN judged THEN there is no significant difference", () => {
    const exp = experiment();
    const metrics = computeMetrics(exp, log({ a: { visitors: 1000, buyers: 32 }, b: { visitors: 1000, buyers: 41 } }));
    expect(verdict(exp, metrics)).toMatchObject({
      status: "no_difference",
      winner: null,
      message: "No significant difference: B 4.1% vs A 3.2%, p = 0.283",
    });
  });

  it("GIVEN click-through as the metric WHEN judged THEN clicks are compared", () => {
    const exp = experiment({ primaryMetric: "click_through" });
    const metrics = computeMetrics(
      exp,
      log({ a: { visitors: 2000, buyers: 0, clickers: 100 }, b: { visitors: 2000, buyers: 0, clickers: 160 } }),
    );
    expect(verdict(exp, metrics).message).toBe("B gets more clicks than A: 8.0% vs 5.0% click-through, p < 0.001");
  });

  it("GIVEN revenue per visitor as the metric WHEN judged THEN Welch's t-test decides, in the shop's currency", () => {
    const exp = experiment({ primaryMetric: "revenue_per_visitor" });
    const metrics = computeMetrics(
      exp,
      log({
        a: { visitors: 2000, buyers: 100, revenue: (i) => 20 + (i % 5) },
        b: { visitors: 2000, buyers: 100, revenue: (i) => 40 + (i % 5) },
      }),
    );
    const result = verdict(exp, metrics, { currency: "EUR" });
    expect(result.comparisons[0].test).toBe("Welch's t-test");
    expect(result.message).toBe("B earns more per visitor than A: €2.10 vs €1.10, p < 0.001");
  });

  it("GIVEN three variants WHEN one beats the control at p ≈ 0.03 THEN Bonferroni (0.025) keeps it from winning", () => {
    const exp = experiment({
      variants: [
        { id: "a", name: "A", payload: "x" },
        { id: "b", name: "B", payload: "y" },
        { id: "c", name: "C", payload: "z" },
      ],
    });
    const metrics = computeMetrics(
      exp,
      log({ a: { visitors: 3000, buyers: 90 }, b: { visitors: 3000, buyers: 122 }, c: { visitors: 3000, buyers: 95 } }),
    );
    const result = verdict(exp, metrics);
    const p = result.comparisons.find((comparison) => comparison.variantId === "b")!.pValue;
    expect(p).toBeGreaterThan(0.025);
    expect(p).toBeLessThan(0.05);
    expect(result.status).toBe("no_difference");
    expect(result.comparisons.every((comparison) => comparison.threshold === 0.025)).toBe(true);
  });

  it("GIVEN three variants and too few visitors in one WHEN judged THEN the message names it", () => {
    const exp = experiment({
      variants: [
        { id: "a", name: "A", payload: "x" },
        { id: "b", name: "B", payload: "y" },
        { id: "c", name: "Bold", payload: "z" },
      ],
    });
    const metrics = computeMetrics(
      exp,
      log({ a: { visitors: 300, buyers: 20 }, b: { visitors: 300, buyers: 20 }, c: { visitors: 80, buyers: 20 } }),
    );
    expect(verdict(exp, metrics).message).toBe("Not enough data yet: 80 of 100 visitors in Bold");
  });
});

describe("validateExperiment", () => {
  const base = {
    id: "e1",
    name: "Greeting test",
    kind: "greeting",
    variants: [
      { id: "a", name: "A", payload: "x" },
      { id: "b", name: "B", payload: "y" },
    ],
  };
  const messages = (input: unknown) => {
    const result = validateExperiment(input);
    if (result.ok) throw new Error("expected errors");
    return result.errors.map((error) => error.message);
  };

  it("GIVEN a minimal experiment WHEN validated THEN defaults fill in", () => {
    const result = validateExperiment(base);
    expect(result.ok && result.experiment).toMatchObject({
      status: "draft",
      segment: null,
      traffic: 1,
      primaryMetric: "conversion",
      alpha: 0.05,
      minimum: { visitorsPerVariant: 100, successesPerVariant: 10 },
      variants: [{ weight: 1 }, { weight: 1 }],
    });
  });

  it.each([
    [{ variants: [base.variants[0]] }, "Experiment ‘Greeting test’: an experiment needs at least two variants"],
    [
      { variants: [base.variants[0], { ...base.variants[1], id: "a" }] },
      "Experiment ‘Greeting test’, variant 2: two variants share an id",
    ],
    [
      { variants: [base.variants[0], { ...base.variants[1], weight: 0 }] },
      "Experiment ‘Greeting test’, variant 2: a variant's weight must be more than 0",
    ],
    [{ traffic: 1.5 }, "Experiment ‘Greeting test’: the traffic share can be at most 1 (everyone)"],
    [{ kind: "layout" }, "Experiment ‘Greeting test’: an experiment tests greetings or strategies"],
  ])("GIVEN %j WHEN validated THEN the message is plain", (change, message) => {
    expect(messages({ ...base, ...change })).toEqual([message]);
  });
});
