import type { Db } from "../db.server";
import { log } from "../log.server";
import { primarySegment } from "../personalize/segments";
import {
  chooseArm,
  createBanditState,
  parseGreetingBanditKey,
  recordPull,
  recordReward,
  summarize,
  type ArmSummary,
  type BanditState,
  type Random,
  type RewardEvent,
} from "./bandit";

/**
 * The bandits' persistence: one Thompson sampler per shop whose contexts are the
 * recommendation strategies per segment ("vip": an arm per strategy) and the greeting
 * variants per slot and segment ("greeting:vip|*:vip": an arm per template id), in
 * BanditArm rows; and, per visitor and kind, the arm that last served them (BanditPull)
 * so their later events reward it once each. The maths stays in ./bandit.ts; this file
 * loads and stores its state.
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

/**
 * The bandit context for a shopper: the segment to personalise by (the merchant's own
 * first, then the most specific built-in one), so a VIP's clicks teach the VIP bandit
 * rather than the "returning visitor" one every customer is also in.
 */
export function banditContext(segments: readonly string[]): string {
  return primarySegment(segments) ?? "all";
}

/** Picks the arm for one pull among `arms` (the strategies in use, or a slot's template ids). */
export function chooseBanditArm(state: BanditState, context: string, arms: readonly string[], random?: Random) {
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
// (Writing the pulls queued meanwhile in one transaction was tried: with 8 chats opening
// at a time, `npm run bench:greeting -- --concurrency 8` was no faster, so each pull has
// its own.)
const pending = new Map<string, Promise<void>>();

function settled(shop: string) {
  return pending.get(shop) ?? Promise.resolve();
}

/** Which bandit served a visitor: the recommendation strategies or a slot's greeting variants. */
export type BanditKind = "strategy" | "greeting";

export interface Pull {
  kind: BanditKind;
  context: string;
  arm: string;
}

/**
 * The visitor was shown `arm`: one more pull, and this arm is now the one the visitor's
 * next events reward (for this kind of bandit). Resolves once stored.
 */
export async function recordBanditPull(db: Db, shop: string, visitorId: string, pull: Pull, now = new Date()) {
  const { kind, context, arm } = pull;
  const written = await db.$transaction(async (tx) => {
    const state = recordPull(await readState(tx, shop, context), context, arm, now);
    await writeArm(tx, shop, context, arm, state);
    const row = { context, arm, rewarded: "", pulledAt: now };
    await tx.banditPull.upsert({
      where: { shop_visitorId_kind: { shop, visitorId, kind } },
      create: { shop, visitorId, kind, ...row },
      update: row,
    });
    return state;
  });
  remember(shop, context, arm, written);
}

/**
 * Records a pull without holding up the caller; a failure is logged (learning is best
 * effort and must not cost the shopper their recommendations or greeting).
 */
export function queueBanditPull(db: Db, shop: string, visitorId: string, pull: Pull, now: Date) {
  const next = settled(shop)
    .then(() => recordBanditPull(db, shop, visitorId, pull, now))
    .catch((error) => log.error(`bandit pull for ${shop} not recorded`, error))
    .finally(() => {
      if (pending.get(shop) === next) pending.delete(shop);
    });
  pending.set(shop, next);
}

/**
 * The latest stored pull that served this visitor. Does not wait for queued pulls: a
 * chat opening should not queue behind other shoppers' writes, and missing a pull made
 * a moment ago only means one more draw.
 */
export async function latestPull(db: Db, shop: string, visitorId: string, kind: BanditKind) {
  return db.banditPull.findUnique({ where: { shop_visitorId_kind: { shop, visitorId, kind } } });
}

const rewarded = (pull: { rewarded: string }) => (pull.rewarded ? pull.rewarded.split(",") : []);

/**
 * A funnel event of a visitor: rewards the arm that served them most recently in each of
 * `kinds`, at most once per pull per kind of event. Returns how many arms were rewarded.
 *
 * What counts for which bandit (docs/decisions/0036): a recommendation card opened is the
 * strategy's click; writing to the assistant is the greeting's; add-to-cart and an
 * attributed purchase reward both.
 */
export async function rewardVisitor(
  db: Db,
  shop: string,
  visitorId: string,
  event: RewardEvent,
  { kinds, now = new Date() }: { kinds: readonly BanditKind[]; now?: Date },
): Promise<number> {
  await settled(shop);
  const where = { shop, visitorId, kind: { in: [...kinds] } };
  // Most events find nothing to reward (no pull, or this event already counted): a plain
  // read answers that without opening a write transaction.
  const open = (await db.banditPull.findMany({ where })).filter((pull) => !rewarded(pull).includes(event));
  if (open.length === 0) return 0;
  const done = await db.$transaction(async (tx) => {
    const results: { context: string; arm: string; state: BanditState }[] = [];
    for (const pull of await tx.banditPull.findMany({ where })) {
      const events = rewarded(pull);
      if (events.includes(event)) continue;
      const state = recordReward(await readState(tx, shop, pull.context), pull.context, pull.arm, event, now);
      await writeArm(tx, shop, pull.context, pull.arm, state);
      await tx.banditPull.update({
        where: { shop_visitorId_kind: { shop, visitorId, kind: pull.kind } },
        data: { rewarded: [...events, event].join(",") },
      });
      results.push({ context: pull.context, arm: pull.arm, state });
    }
    return results;
  });
  for (const { context, arm, state } of done) remember(shop, context, arm, state);
  return done.length;
}

export type BanditSummary =
  | { kind: "strategy"; context: string; segment: string; arms: ArmSummary[] }
  | { kind: "greeting"; context: string; segment: string; slotKey: string; arms: ArmSummary[] };

/**
 * What the bandits have learned, for the admin: per segment for the strategies, per
 * greeting slot and segment for greeting variants; best arm first.
 */
export async function banditSummaries(db: Db, shop: string, now = new Date()): Promise<BanditSummary[]> {
  await settled(shop);
  const state = await readState(db, shop);
  return Object.keys(state.contexts)
    .sort()
    .map((context): BanditSummary => {
      const arms = summarize(state, context, now);
      const greeting = parseGreetingBanditKey(context);
      return greeting
        ? { kind: "greeting", context, ...greeting, arms }
        : { kind: "strategy", context, segment: context, arms };
    });
}
