import { describe, expect, it } from "vitest";
import { validateExperiment, type Experiment } from "./ab";
import { createBanditState, greetingBanditKey, recordPull, recordReward, seededRandom } from "./bandit";
import { chooseOption, strategyBanditKey, type ChooseInput } from "./choose";

const now = new Date("2025-06-01T00:00:00Z");

function experiment(overrides: Record<string, unknown> = {}): Experiment {
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
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.experiment;
}

const base: ChooseInput = {
  kind: "greeting",
  options: ["tpl-a", "tpl-b"],
  experiments: [],
  visitorKey: "visitor-1",
  segments: ["vip"],
  bandit: createBanditState(),
  banditKey: greetingBanditKey("vip", "vip|*"),
  now,
  random: seededRandom(1),
};

describe("chooseOption", () => {
  it("GIVEN a running experiment over these options WHEN choosing THEN the experiment decides and an exposure is returned", () => {
    const result = chooseOption({ ...base, experiments: [experiment()] });
    expect(result).toMatchObject({ decidedBy: "experiment", experimentId: "greet-1" });
    if (result?.decidedBy !== "experiment") return;
    expect(result.option).toBe(result.variantId === "a" ? "tpl-a" : "tpl-b");
    expect(result.exposure).toEqual({
      type: "exposure",
      experimentId: "greet-1",
      variantId: result.variantId,
      visitorKey: "visitor-1",
      at: now.toISOString(),
    });
  });

  it("GIVEN no experiment runs WHEN choosing between options THEN the bandit decides, favouring the winner", () => {
    let bandit = createBanditState();
    for (let i = 0; i < 300; i++) {
      bandit = recordPull(bandit, base.banditKey, "tpl-a", now);
      bandit = recordPull(bandit, base.banditKey, "tpl-b", now);
      if (i % 3 === 0) bandit = recordReward(bandit, base.banditKey, "tpl-b", "purchase", now);
    }
    const picks = Array.from({ length: 100 }, () => chooseOption({ ...base, bandit }));
    expect(picks.every((pick) => pick?.decidedBy === "bandit")).toBe(true);
    expect(picks.filter((pick) => pick?.option === "tpl-b").length).toBeGreaterThan(95);
  });

  it("GIVEN experiments that do not apply WHEN choosing THEN the bandit decides", () => {
    const others = [
      experiment({ status: "stopped" }),
      experiment({ id: "strategy-test", kind: "strategy" }),
      experiment({
        id: "other-slot",
        variants: [
          { id: "a", name: "A", payload: "tpl-x" },
          { id: "b", name: "B", payload: "tpl-b" },
        ],
      }),
      experiment({ id: "lapsed-only", segment: "lapsed" }),
    ];
    expect(chooseOption({ ...base, experiments: others })?.decidedBy).toBe("bandit");
  });

  it("GIVEN one option or none WHEN choosing THEN there is nothing to decide", () => {
    expect(chooseOption({ ...base, options: ["tpl-a"] })).toEqual({ option: "tpl-a", decidedBy: "only-option" });
    expect(chooseOption({ ...base, options: [] })).toBeNull();
    expect(strategyBanditKey("vip")).toBe("strategy:vip");
  });
});
