import betaRandom from "@stdlib/random-base-beta";
import mt19937 from "@stdlib/random-base-mt19937";

/**
 * Beta-Bernoulli Thompson sampling, one independent bandit per context (a segment, or a
 * segment and greeting slot), over arms named by strings (recommendation strategies or
 * greeting variant ids). The state is plain JSON: store it, load it, keep going.
 *
 * Reward model (docs/decisions/0031-bandit-reward-model.md): every pull (the shopper saw
 * the arm's output) is one Bernoulli trial, first counted as a failure (β += 1). Funnel
 * events then move part of that trial from failure to success (β −= w, α += w): a click
 * 0.1, an add-to-cart 0.2 more, an attributed purchase 0.7 more. A pull that ends in a
 * purchase after clicking and adding to cart is a full success (0.1 + 0.2 + 0.7 = 1),
 * so α + β still counts pulls and the posterior mean estimates "purchase-equivalents per
 * pull". Each event should be reported at most once per pull (the caller dedupes).
 */

export const REWARD_EVENTS = ["click", "add_to_cart", "purchase"] as const;
export type RewardEvent = (typeof REWARD_EVENTS)[number];

export type RewardWeights = Record<RewardEvent, number>;

/** Increments that add up to 1: cumulative 0.1 after a click, 0.3 after add-to-cart, 1 after a purchase. */
export const DEFAULT_REWARD_WEIGHTS: RewardWeights = { click: 0.1, add_to_cart: 0.2, purchase: 0.7 };

export interface BanditConfig {
  /** Beta prior for a new arm; (1, 1) is uniform: no arm favoured before evidence. */
  prior: { alpha: number; beta: number };
  weights: RewardWeights;
  /**
   * Evidence older than this many days counts half (exponential forgetting), so the
   * bandit follows a shop whose best strategy changes with seasons. null: never forget.
   */
  halfLifeDays: number | null;
}

export interface ArmStats {
  alpha: number;
  beta: number;
  /** Pulls ever recorded (not decayed), for reporting traffic shares. */
  pulls: number;
  /** When alpha and beta were last brought up to date (ISO), for decay. */
  updatedAt: string | null;
}

export interface BanditState {
  version: 1;
  config: BanditConfig;
  /** context key → arm → stats */
  contexts: Record<string, Record<string, ArmStats>>;
}

export const DEFAULT_BANDIT_CONFIG: BanditConfig = {
  prior: { alpha: 1, beta: 1 },
  weights: DEFAULT_REWARD_WEIGHTS,
  halfLifeDays: 30,
};

export function createBanditState(config: Partial<BanditConfig> = {}): BanditState {
  const merged = { ...DEFAULT_BANDIT_CONFIG, ...config };
  const total = REWARD_EVENTS.reduce((sum, event) => sum + merged.weights[event], 0);
  if (REWARD_EVENTS.some((event) => !(merged.weights[event] >= 0)) || total > 1 + 1e-9) {
    throw new Error("reward weights must be non-negative and add up to at most 1");
  }
  if (!(merged.prior.alpha > 0 && merged.prior.beta > 0)) throw new Error("the prior needs alpha > 0 and beta > 0");
  if (merged.halfLifeDays !== null && !(merged.halfLifeDays > 0)) throw new Error("halfLifeDays must be > 0 or null");
  return { version: 1, config: merged, contexts: {} };
}

/** The context key for a bandit over greeting variants in one slot for one segment. */
export function greetingBanditKey(segment: string, slotKey: string): string {
  return `greeting:${slotKey}:${segment}`;
}

/** The slot and segment of a greeting bandit's context key; null for any other key. */
export function parseGreetingBanditKey(key: string): { slotKey: string; segment: string } | null {
  if (!key.startsWith("greeting:")) return null;
  const rest = key.slice("greeting:".length);
  // Segment ids and slot keys never contain ":" (segment ids are [a-z0-9_-]).
  const cut = rest.lastIndexOf(":");
  if (cut <= 0 || cut === rest.length - 1) return null;
  return { slotKey: rest.slice(0, cut), segment: rest.slice(cut + 1) };
}

/** A uniform [0, 1) generator to inject; Math.random by default, seeded in tests and simulations. */
export type Random = () => number;

/** A reproducible uniform generator (32-bit Mersenne Twister from stdlib). */
export function seededRandom(seed: number): Random {
  const next = mt19937.factory({ seed: seed >>> 0 || 1 });
  // 32 random bits are plenty for choosing arms and simulating shoppers.
  return () => next() / 2 ** 32;
}

// stdlib's beta sampler is built around a uniform source; building one costs ~80 µs, so
// keep one per source.
const samplers = new WeakMap<Random, (alpha: number, beta: number) => number>();

function sampler(random: Random) {
  let sample = samplers.get(random);
  if (!sample) {
    sample = betaRandom.factory({ prng: random });
    samplers.set(random, sample);
  }
  return sample;
}

export interface Choice {
  arm: string;
  /** The posterior draw of every arm, for logging and debugging. */
  draws: Record<string, number>;
}

/**
 * Picks an arm for one pull: draw from each arm's Beta posterior, take the largest.
 * Arms never seen start from the prior. Does not record the pull: call `recordPull`
 * once the shopper actually sees it.
 */
export function chooseArm(
  state: BanditState,
  context: string,
  arms: readonly string[],
  { random = Math.random, now = new Date() }: { random?: Random; now?: Date } = {},
): Choice {
  if (arms.length === 0) throw new Error("chooseArm needs at least one arm");
  const sample = sampler(random);
  const stats = state.contexts[context] ?? {};
  const draws: Record<string, number> = {};
  let best = arms[0];
  let bestDraw = -Infinity;
  for (const arm of arms) {
    const current = decayed(state.config, stats[arm], now);
    const draw = sample(current.alpha, current.beta);
    draws[arm] = draw;
    if (draw > bestDraw) {
      best = arm;
      bestDraw = draw;
    }
  }
  return { arm: best, draws };
}

/** The shopper saw the arm's output: one more trial, a failure until an event says otherwise. */
export function recordPull(state: BanditState, context: string, arm: string, now: Date = new Date()): BanditState {
  return update(state, context, arm, now, (stats) => ({ ...stats, beta: stats.beta + 1, pulls: stats.pulls + 1 }));
}

/**
 * A funnel event for an earlier pull of `arm`: moves the event's weight from failure to
 * success. If the failure mass is not there (an event without a recorded pull, or one
 * that was mostly forgotten), only the success is added, never pushing β below the prior.
 */
export function recordReward(
  state: BanditState,
  context: string,
  arm: string,
  event: RewardEvent,
  now: Date = new Date(),
): BanditState {
  const weight = state.config.weights[event];
  return update(state, context, arm, now, (stats) => {
    const movable = Math.max(0, Math.min(weight, stats.beta - state.config.prior.beta));
    return { ...stats, alpha: stats.alpha + weight, beta: stats.beta - movable };
  });
}

export interface ArmSummary {
  arm: string;
  pulls: number;
  /** Posterior mean reward per pull. */
  mean: number;
  /** Evidence behind the mean (decayed trials). */
  trials: number;
}

/** Per-arm posterior means at `now`, best first, for the admin. */
export function summarize(state: BanditState, context: string, now: Date = new Date()): ArmSummary[] {
  const { prior } = state.config;
  return Object.entries(state.contexts[context] ?? {})
    .map(([arm, stats]) => {
      const current = decayed(state.config, stats, now);
      return {
        arm,
        pulls: stats.pulls,
        mean: current.alpha / (current.alpha + current.beta),
        trials: current.alpha + current.beta - prior.alpha - prior.beta,
      };
    })
    .sort((a, b) => b.mean - a.mean);
}

function update(
  state: BanditState,
  context: string,
  arm: string,
  now: Date,
  change: (stats: ArmStats) => ArmStats,
): BanditState {
  const arms = state.contexts[context] ?? {};
  const next = change(decayed(state.config, arms[arm], now));
  return {
    ...state,
    contexts: { ...state.contexts, [context]: { ...arms, [arm]: { ...next, updatedAt: now.toISOString() } } },
  };
}

const DAY_MS = 86_400_000;

/** The arm's stats with evidence above the prior shrunk by the time since its last update. */
function decayed(config: BanditConfig, stats: ArmStats | undefined, now: Date): ArmStats {
  const { prior, halfLifeDays } = config;
  if (!stats) return { alpha: prior.alpha, beta: prior.beta, pulls: 0, updatedAt: null };
  if (halfLifeDays === null || !stats.updatedAt) return stats;
  const days = (now.getTime() - Date.parse(stats.updatedAt)) / DAY_MS;
  if (!(days > 0)) return stats;
  const keep = 0.5 ** (days / halfLifeDays);
  return {
    ...stats,
    alpha: prior.alpha + (stats.alpha - prior.alpha) * keep,
    beta: prior.beta + (stats.beta - prior.beta) * keep,
  };
}
