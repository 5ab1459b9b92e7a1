import { describe, expect, it } from "vitest";
import {
  chooseArm,
  createBanditState,
  greetingBanditKey,
  recordPull,
  recordReward,
  seededRandom,
  summarize,
  type BanditState,
} from "./bandit";
import { expectedReward, simulateBandit, STATIONARY_ARMS, SWITCHED_ARMS } from "./bandit-simulation";

const t0 = new Date("2025-03-01T00:00:00Z");
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);

describe("Thompson sampling in simulation", () => {
  it.each([1, 2, 3])(
    "GIVEN an arm with a clearly higher reward rate (seed %i) WHEN the bandit runs THEN over 80 %% of late traffic goes to it",
    (seed) => {
      const result = simulateBandit({ arms: STATIONARY_ARMS, rounds: 8000, seed });
      expect(result.bestArm).toBe("similar");
      expect(result.bestArmShareTail).toBeGreaterThan(0.8);
      // Early exploration costs something, but much less than a uniform split would.
      const uniformRegret =
        8000 *
        (expectedReward(STATIONARY_ARMS.similar, createBanditState().config.weights) -
          Object.values(STATIONARY_ARMS).reduce(
            (sum, funnel) => sum + expectedReward(funnel, createBanditState().config.weights) / 3,
            0,
          ));
      expect(result.regret).toBeLessThan(uniformRegret * 0.75);
    },
  );

  it("GIVEN arms that are equally good WHEN the bandit runs THEN no arm is starved", () => {
    const same = { click: 0.08, addToCart: 0.25, purchase: 0.3 };
    const result = simulateBandit({ arms: { a: same, b: same }, rounds: 4000, seed: 7 });
    expect(result.shares.a).toBeGreaterThan(0.15);
    expect(result.shares.b).toBeGreaterThan(0.15);
  });

  it("GIVEN the best arm changes halfway WHEN evidence is forgotten THEN traffic follows the new best faster", () => {
    const seasonal = { arms: STATIONARY_ARMS, after: SWITCHED_ARMS, switchAt: 0.5, rounds: 8000, minutesPerRound: 5 };
    const share = (halfLifeDays: number | null) =>
      [11, 12, 13].map((seed) => simulateBandit({ ...seasonal, seed, config: { halfLifeDays } }).bestArmShareTail);
    const forgetting = share(2);
    const remembering = share(null);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(forgetting)).toBeGreaterThan(mean(remembering));
    expect(mean(forgetting)).toBeGreaterThan(0.6);
  });
});

describe("reward model", () => {
  it("GIVEN a pull WHEN recorded THEN it counts as a failure until events arrive", () => {
    const state = recordPull(createBanditState(), "vip", "popular", t0);
    expect(state.contexts.vip.popular).toEqual({ alpha: 1, beta: 2, pulls: 1, updatedAt: t0.toISOString() });
  });

  it("GIVEN a pull that goes through the whole funnel WHEN events arrive THEN it becomes one full success", () => {
    let state = recordPull(createBanditState(), "vip", "popular", t0);
    state = recordReward(state, "vip", "popular", "click", t0);
    expect(state.contexts.vip.popular).toMatchObject({ alpha: 1.1, beta: 1.9 });
    state = recordReward(state, "vip", "popular", "add_to_cart", t0);
    state = recordReward(state, "vip", "popular", "purchase", t0);
    expect(state.contexts.vip.popular.alpha).toBeCloseTo(2);
    expect(state.contexts.vip.popular.beta).toBeCloseTo(1);
  });

  it("GIVEN an event without a recorded pull WHEN recorded THEN success grows and β never drops below the prior", () => {
    const state = recordReward(createBanditState(), "vip", "popular", "purchase", t0);
    expect(state.contexts.vip.popular).toMatchObject({ alpha: 1.7, beta: 1, pulls: 0 });
  });

  it("GIVEN custom weights WHEN they add up to more than 1 THEN the state is refused", () => {
    expect(() => createBanditState({ weights: { click: 0.5, add_to_cart: 0.5, purchase: 0.5 } })).toThrow(
      /add up to at most 1/,
    );
    expect(() => createBanditState({ prior: { alpha: 0, beta: 1 } })).toThrow(/prior/);
  });

  it("GIVEN evidence WHEN a half-life passes THEN it counts half", () => {
    let state = createBanditState({ halfLifeDays: 10 });
    for (let i = 0; i < 20; i++) state = recordPull(state, "vip", "a", t0);
    for (let i = 0; i < 10; i++) state = recordReward(state, "vip", "a", "purchase", t0);
    const [fresh] = summarize(state, "vip", t0);
    const [later] = summarize(state, "vip", days(10));
    expect(fresh.trials).toBeCloseTo(20);
    expect(later.trials).toBeCloseTo(10);
    // Forgetting shrinks the evidence, not the estimate's direction: 7 of 20 → 3.5 of 10.
    expect(later.mean).toBeCloseTo((1 + 3.5) / (2 + 10));
    expect(later.pulls).toBe(20);
  });

  it("GIVEN no forgetting WHEN time passes THEN the evidence stays", () => {
    const state = recordPull(createBanditState({ halfLifeDays: null }), "vip", "a", t0);
    expect(summarize(state, "vip", days(365))[0].trials).toBeCloseTo(1);
  });
});

describe("state and choice", () => {
  it("GIVEN a state WHEN it goes through JSON THEN it is unchanged and the bandit continues identically", () => {
    let state: BanditState = createBanditState();
    const random = seededRandom(5);
    for (let i = 0; i < 50; i++) {
      const { arm } = chooseArm(state, "vip", ["a", "b"], { random, now: t0 });
      state = recordPull(state, "vip", arm, t0);
      if (arm === "b") state = recordReward(state, "vip", arm, "click", t0);
    }
    const copy = JSON.parse(JSON.stringify(state)) as BanditState;
    expect(copy).toEqual(state);
    const next = (s: BanditState) =>
      Array.from({ length: 20 }, (_, i) => chooseArm(s, "vip", ["a", "b"], { random: seededRandom(i), now: t0 }).arm);
    expect(next(copy)).toEqual(next(state));
  });

  it("GIVEN an update WHEN recorded THEN the previous state is not mutated", () => {
    const before = createBanditState();
    const after = recordPull(before, "vip", "a", t0);
    expect(before.contexts).toEqual({});
    expect(after).not.toBe(before);
  });

  it("GIVEN contexts WHEN one learns THEN the other is untouched", () => {
    let state = createBanditState();
    for (let i = 0; i < 30; i++) state = recordReward(recordPull(state, "vip", "a", t0), "vip", "a", "purchase", t0);
    expect(state.contexts.new_visitor).toBeUndefined();
    expect(summarize(state, "new_visitor", t0)).toEqual([]);
    expect(greetingBanditKey("vip", "vip|product")).toBe("greeting:vip|product:vip");
  });

  it("GIVEN a strong winner WHEN choosing THEN it is picked almost always, and draws are reported", () => {
    let state = createBanditState();
    for (let i = 0; i < 200; i++) {
      state = recordPull(state, "vip", "good", t0);
      state = recordPull(state, "vip", "bad", t0);
      if (i % 2 === 0) state = recordReward(state, "vip", "good", "purchase", t0);
    }
    const random = seededRandom(9);
    const picks = Array.from({ length: 200 }, () => chooseArm(state, "vip", ["bad", "good"], { random, now: t0 }));
    expect(picks.filter((pick) => pick.arm === "good").length).toBeGreaterThan(190);
    expect(Object.keys(picks[0].draws)).toEqual(["bad", "good"]);
    // An arm never tried keeps a real chance through its uniform prior: that is the exploration.
    const withNew = Array.from({ length: 200 }, () => chooseArm(state, "vip", ["good", "new"], { random, now: t0 }));
    expect(withNew.filter((pick) => pick.arm === "new").length).toBeGreaterThan(20);
    expect(() => chooseArm(state, "vip", [])).toThrow();
  });

  it("GIVEN the injected generator WHEN drawing from Beta(3, 7) THEN the draws average 0.3", () => {
    let state = createBanditState({ halfLifeDays: null });
    for (let i = 0; i < 8; i++) state = recordPull(state, "c", "x", t0);
    for (let i = 0; i < 2; i++) {
      state = recordReward(state, "c", "x", "click", t0);
      state = recordReward(state, "c", "x", "add_to_cart", t0);
      state = recordReward(state, "c", "x", "purchase", t0);
    }
    expect(state.contexts.c.x.alpha).toBeCloseTo(3);
    expect(state.contexts.c.x.beta).toBeCloseTo(7);
    const random = seededRandom(3);
    const draws = Array.from({ length: 20_000 }, () => chooseArm(state, "c", ["x"], { random }).draws.x);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeCloseTo(0.3, 2);
  });
});
