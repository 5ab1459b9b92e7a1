import {
  chooseArm,
  createBanditState,
  recordPull,
  recordReward,
  seededRandom,
  type BanditConfig,
  type RewardWeights,
} from "./bandit";

/**
 * A simulated shop where each arm (strategy) has a true funnel: the chance a shopper
 * clicks, then adds to cart given a click, then buys given an add-to-cart. The bandit
 * does not know these; it only sees the events. Used by the test and the CLI below.
 */
export interface Funnel {
  click: number;
  addToCart: number;
  purchase: number;
}

export interface SimulationOptions {
  /** Arms and their true funnels; the funnels may change at `switchAt` (0–1 of the rounds). */
  arms: Record<string, Funnel>;
  /** Funnels from `switchAt` on, for a shop whose best arm changes. */
  after?: Record<string, Funnel>;
  switchAt?: number;
  rounds: number;
  seed: number;
  /** Simulated time between two pulls; with the half-life it decides how fast old evidence fades. */
  minutesPerRound?: number;
  config?: Partial<BanditConfig>;
  /** Share of the final rounds over which traffic shares are reported. */
  tail?: number;
}

export interface SimulationResult {
  rounds: number;
  bestArm: string;
  /** Share of pulls that went to the (final) best arm during the last `tail` of the rounds. */
  bestArmShareTail: number;
  /** Traffic share of every arm over the whole run. */
  shares: Record<string, number>;
  /** Expected reward lost against always pulling the best arm, summed over the run. */
  regret: number;
}

export function expectedReward(funnel: Funnel, weights: RewardWeights): number {
  return (
    funnel.click * weights.click +
    funnel.click * funnel.addToCart * weights.add_to_cart +
    funnel.click * funnel.addToCart * funnel.purchase * weights.purchase
  );
}

export function simulateBandit(options: SimulationOptions): SimulationResult {
  const { rounds, tail = 0.2, minutesPerRound = 1 } = options;
  let state = createBanditState(options.config);
  const weights = state.config.weights;
  const names = Object.keys(options.arms);
  const chooserRandom = seededRandom(options.seed);
  const worldRandom = seededRandom(options.seed + 1_000_003);
  const switchRound = options.after ? Math.floor((options.switchAt ?? 0.5) * rounds) : Infinity;
  const start = Date.parse("2025-01-01T00:00:00Z");

  const pulls: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  const tailPulls: Record<string, number> = { ...pulls };
  const tailStart = Math.floor(rounds * (1 - tail));
  let regret = 0;

  for (let round = 0; round < rounds; round++) {
    const now = new Date(start + round * minutesPerRound * 60_000);
    const world = round >= switchRound && options.after ? options.after : options.arms;
    const best = Math.max(...names.map((name) => expectedReward(world[name], weights)));
    const { arm } = chooseArm(state, "sim", names, { random: chooserRandom, now });
    pulls[arm]++;
    if (round >= tailStart) tailPulls[arm]++;
    regret += best - expectedReward(world[arm], weights);

    state = recordPull(state, "sim", arm, now);
    const funnel = world[arm];
    if (worldRandom() < funnel.click) {
      state = recordReward(state, "sim", arm, "click", now);
      if (worldRandom() < funnel.addToCart) {
        state = recordReward(state, "sim", arm, "add_to_cart", now);
        if (worldRandom() < funnel.purchase) state = recordReward(state, "sim", arm, "purchase", now);
      }
    }
  }

  const finalWorld = options.after ?? options.arms;
  const bestArm = names.reduce((a, b) =>
    expectedReward(finalWorld[b], weights) > expectedReward(finalWorld[a], weights) ? b : a,
  );
  const tailTotal = rounds - tailStart;
  return {
    rounds,
    bestArm,
    bestArmShareTail: tailPulls[bestArm] / tailTotal,
    shares: Object.fromEntries(names.map((name) => [name, pulls[name] / rounds])),
    regret,
  };
}

/** A shop where "similar" clearly outsells the other strategies. */
export const STATIONARY_ARMS: Record<string, Funnel> = {
  popular: { click: 0.05, addToCart: 0.2, purchase: 0.3 },
  "co-purchase": { click: 0.06, addToCart: 0.2, purchase: 0.3 },
  similar: { click: 0.1, addToCart: 0.3, purchase: 0.4 },
};

/** The same shop after a season change: "popular" becomes the best strategy. */
export const SWITCHED_ARMS: Record<string, Funnel> = {
  popular: { click: 0.1, addToCart: 0.3, purchase: 0.4 },
  "co-purchase": { click: 0.06, addToCart: 0.2, purchase: 0.3 },
  similar: { click: 0.05, addToCart: 0.2, purchase: 0.3 },
};

function flag(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/**
 * npx tsx app/experiments/bandit-simulation.ts [--rounds 10000] [--seeds 5]
 *
 * Runs the stationary shop and the season-change shop (with and without forgetting) over
 * several seeds and prints the median share of late traffic that reached the best arm.
 */
if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = flag("rounds", 10_000);
  const seeds = Array.from({ length: flag("seeds", 5) }, (_, i) => i + 1);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
  const run = (extra: Partial<SimulationOptions>) =>
    seeds.map((seed) => simulateBandit({ arms: STATIONARY_ARMS, rounds, seed, ...extra }));

  const stationary = run({});
  // 10,000 rounds at 4 minutes apart span about four weeks; the season changes halfway.
  const seasonal = { after: SWITCHED_ARMS, switchAt: 0.5, minutesPerRound: 4 };
  const forgetting = run({ ...seasonal, config: { halfLifeDays: 3 } });
  const remembering = run({ ...seasonal, config: { halfLifeDays: null } });

  console.log(
    JSON.stringify({
      simulation: "thompson-bandit",
      rounds,
      seeds: seeds.length,
      stationaryBestArm: stationary[0].bestArm,
      stationaryBestArmShareLast20pct: round4(median(stationary.map((r) => r.bestArmShareTail))),
      stationaryMinBestArmShareLast20pct: round4(Math.min(...stationary.map((r) => r.bestArmShareTail))),
      seasonChangeBestArm: forgetting[0].bestArm,
      seasonChangeShareLast20pctHalfLife3d: round4(median(forgetting.map((r) => r.bestArmShareTail))),
      seasonChangeShareLast20pctNoForgetting: round4(median(remembering.map((r) => r.bestArmShareTail))),
    }),
  );
}
