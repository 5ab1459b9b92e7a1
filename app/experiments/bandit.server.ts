import type { Db } from "../db.server";
import { log } from "../log.server";
import {
  chooseArm,
  createBanditState,
  recordPull,
  recordReward,
  summarize,
  type ArmSummary,
  type BanditState,
  type Random,
  type RewardEvent,
} from "./bandit";

/**
 * The recommendation bandit's persistence: one Thompson sampler per shop, with a context
 * per segment and an arm per strategy (BanditArm rows), and the arm that last served each
 * visitor (BanditPull) so that visitor's click, add-to-cart and attributed purchase reward
 * it once each. The maths stays in ./bandit.ts; this file loads and stores its state.
 */

/** How long a shop's arm state is reused before it is read again (a turn never waits on it). */
const CACHE_MS = 5_000;

const cache = new Map<string, { state: BanditState; readAt: number }>();

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Reader = Pick<Db, "banditArm"> | Tx;

function stateOf(
  rows: { context: string; arm: string; alpha: number; beta: number; pulls: number; updatedAt: Date }[],
) {
  const state = createBanditState();
  for (const row of rows) {
    (state.contexts[row.context] ??= {})[row.arm] = {
      alpha: row.alpha,
      beta: row.beta,
      pulls: row.pulls,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
  return state;
}

async function readState(db: Reader, shop: string, context?: string): Promise<BanditState> {
  return stateOf(await db.banditArm.findMany({ where: { shop, ...(context ? { context } : {}) } }));
}

/** The shop's bandit state, read at most every few seconds per process. */
export async function banditStateFor(db: Db, shop: string, now = Date.now()): Promise<BanditState> {
  const cached = cache.get(shop);
  if (cached && now - cached.readAt < CACHE_MS) return cached.state;
  const state = await readState(db, shop);
  cache.set(shop, { state, readAt: now });
  // Bounded like the other per-shop caches: the oldest shop goes first.
  if (cache.size > 500) cache.delete(cache.keys().next().value!);
  return state;
}

export function forgetBanditState(shop?: string) {
  if (shop) cache.delete(shop);
  else cache.clear();
}

/** The bandit context for a shopper: their first segment. */
export function banditContext(segments: readonly string[]): string {
  return segments[0] ?? "all";
}

/** Picks the strategy to favour for one request among `arms` (the strategies in use). */
export function chooseStrategy(state: BanditState, context: string, arms: readonly string[], random?: Random) {
  return chooseArm(state, context, arms, { random }).arm;
}

async function writeArm(tx: Tx, shop: string, context: string, arm: string, state: BanditState) {
  const stats = state.contexts[context][arm];
  const data = {
    alpha: stats.alpha,
    beta: stats.beta,
    pulls: stats.pulls,
    updatedAt: new Date(stats.updatedAt!),
  };
  await tx.banditArm.upsert({
    where: { shop_context_arm: { shop, context, arm } },
    create: { shop, context, arm, ...data },
    update: data,
  });
}

/** Puts an arm's freshly written stats into the cached state, so the next turn needs no read. */
function remember(shop: string, context: string, arm: string, written: BanditState) {
  const cached = cache.get(shop);
  if (!cached) return;
  const arms = { ...cached.state.contexts[context], [arm]: written.contexts[context][arm] };
  cached.state = { ...cached.state, contexts: { ...cached.state.contexts, [context]: arms } };
}

// Pull writes run after the shopper has their cards (a write transaction costs a chat turn
// several milliseconds on SQLite), one after another per shop; rewards and reads for the
// admin wait for them, so this process never rewards a pull it has not stored yet.
const pending = new Map<string, Promise<void>>();

function settled(shop: string) {
  return pending.get(shop) ?? Promise.resolve();
}

/**
 * The visitor saw recommendations favouring `arm`: one more pull, and this arm is now the
 * one the visitor's next events reward. Resolves once stored.
 */
export async function recordStrategyPull(
  db: Db,
  shop: string,
  visitorId: string,
  context: string,
  arm: string,
  now = new Date(),
) {
  const written = await db.$transaction(async (tx) => {
    const state = recordPull(await readState(tx, shop, context), context, arm, now);
    await writeArm(tx, shop, context, arm, state);
    const pull = { context, arm, rewarded: "", pulledAt: now };
    await tx.banditPull.upsert({
      where: { shop_visitorId: { shop, visitorId } },
      create: { shop, visitorId, ...pull },
      update: pull,
    });
    return state;
  });
  remember(shop, context, arm, written);
}

/**
 * Records a pull without holding up the caller; a failure is logged (learning is best
 * effort and must not cost the shopper their recommendations).
 */
export function queueStrategyPull(db: Db, shop: string, visitorId: string, context: string, arm: string, now: Date) {
  const next = settled(shop)
    .then(() => recordStrategyPull(db, shop, visitorId, context, arm, now))
    .catch((error) => log.error(`bandit pull for ${shop} not recorded`, error))
    .finally(() => {
      if (pending.get(shop) === next) pending.delete(shop);
    });
  pending.set(shop, next);
}

/**
 * A funnel event of a visitor: rewards the arm that served them most recently, at most
 * once per pull per kind of event. Returns whether an arm was rewarded.
 */
export async function rewardStrategy(db: Db, shop: string, visitorId: string, event: RewardEvent, now = new Date()) {
  await settled(shop);
  const result = await db.$transaction(async (tx) => {
    const pull = await tx.banditPull.findUnique({ where: { shop_visitorId: { shop, visitorId } } });
    if (!pull) return null;
    const done = pull.rewarded ? pull.rewarded.split(",") : [];
    if (done.includes(event)) return null;
    const state = recordReward(await readState(tx, shop, pull.context), pull.context, pull.arm, event, now);
    await writeArm(tx, shop, pull.context, pull.arm, state);
    await tx.banditPull.update({
      where: { shop_visitorId: { shop, visitorId } },
      data: { rewarded: [...done, event].join(",") },
    });
    return { pull, state };
  });
  if (result) remember(shop, result.pull.context, result.pull.arm, result.state);
  return result !== null;
}

/** What the bandit has learned, per segment, best strategy first (for the admin). */
export async function banditSummaries(
  db: Db,
  shop: string,
  now = new Date(),
): Promise<{ context: string; arms: ArmSummary[] }[]> {
  await settled(shop);
  const state = await readState(db, shop);
  return Object.keys(state.contexts)
    .sort()
    .map((context) => ({ context, arms: summarize(state, context, now) }));
}
