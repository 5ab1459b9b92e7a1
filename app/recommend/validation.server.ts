import { z } from "zod";
import type { Db } from "../db.server";
import type { JobQueue } from "../jobs/queue.server";
import { log } from "../log.server";
import { defineSetting, readSetting, writeSetting } from "../settings/store.server";
import { SIGNALS, STRATEGIES } from "./types";
import { validateShop, type ShopValidation } from "./validate";

/**
 * The nightly job that chooses each shop's recommendation blends from its own orders
 * (app/recommend/validate.ts), and where its result is kept: a settings document per shop,
 * read by the service (which blend to serve) and the Recommendations page (what was chosen
 * and what it measured). docs/decisions/0022-recommendations-over-time.md.
 */

export const RECOMMEND_VALIDATE = "recommend.validate";
export const RECOMMEND_NIGHTLY = "recommend.nightly";
const NIGHTLY_MS = 24 * 3_600_000;

const numbers = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().min(0).max(10)])) as Record<K, z.ZodNumber>);
const BlendSchema = z.object({ weights: numbers(STRATEGIES), signals: numbers(SIGNALS) });
const ScoresSchema = z.object({ hr10: z.number(), ndcg10: z.number() }).nullable();
const ChoiceSchema = z.object({
  blend: BlendSchema,
  validated: z.boolean(),
  chosen: ScoresSchema,
  defaults: ScoresSchema,
});

const ValidationSchema = z.object({
  at: z.number(),
  seconds: z.number(),
  folds: z.array(
    z.object({
      trainEnd: z.number(),
      testEnd: z.number(),
      role: z.enum(["choice", "check"]),
      trainLines: z.number(),
      latestTrainAt: z.number().nullable(),
      customers: z.number(),
      discoverCustomers: z.number(),
    }),
  ),
  default: ChoiceSchema,
  discover: ChoiceSchema,
  lastMonth: z
    .object({
      from: z.number(),
      to: z.number(),
      customers: z.number(),
      discoverCustomers: z.number(),
      app: z.object({ hr10: z.number(), hr10Discover: z.number() }),
      bestsellers: z.object({ hr10: z.number(), hr10Discover: z.number() }),
    })
    .nullable(),
});

/** The shop's latest validation; null until the nightly job has run for it. */
export const shopValidation = defineSetting<ShopValidation | null>(
  "recommendation.validation",
  ValidationSchema.nullable() as unknown as z.ZodType<ShopValidation | null>,
  () => null,
);

export function readShopValidation(db: Db, shop: string): Promise<ShopValidation | null> {
  return readSetting(db, shop, shopValidation);
}

/** Orders older than this do not reach the validation (the folds need the last few months and their history). */
const VALIDATION_HISTORY_DAYS = 365 + 92;

/**
 * Validates one shop on its synced catalog and orders, and stores the result. The folds'
 * indexes are built like the served one (same options), so what is chosen is what is served.
 */
export async function runShopValidation(
  db: Db,
  shop: string,
  { now = Date.now(), signal }: { now?: number; signal?: AbortSignal } = {},
): Promise<ShopValidation> {
  // Imported here: the service module pulls in the catalog and experiments, which the job
  // registration (loaded with the server) does not need until the job runs.
  const { loadRecommenderInput } = await import("./service.server");
  const input = await loadRecommenderInput(db, shop, now, VALIDATION_HISTORY_DAYS);
  const result = validateShop(input, { now, shouldStop: () => signal?.aborted ?? false });
  await writeSetting(db, shop, shopValidation, result);
  log.info(
    `recommendations of ${shop} validated in ${result.seconds.toFixed(1)} s: ` +
      `${result.default.validated ? "blends chosen" : "too little history, defaults kept"}`,
  );
  return result;
}

export function registerRecommendationJobs(queue: JobQueue, { db }: { db: Db }) {
  queue.register<{ shop: string }>(
    RECOMMEND_VALIDATE,
    async ({ shop }, { signal }) => {
      const installed = await db.shop.count({ where: { domain: shop, uninstalledAt: null } });
      if (installed > 0) await runShopValidation(db, shop, { signal });
    },
    { attempts: 2, backoffMs: 10 * 60_000 },
  );
  queue.register(RECOMMEND_NIGHTLY, async () => {
    const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
    for (const { domain } of shops) {
      await queue.enqueue(RECOMMEND_VALIDATE, { shop: domain }, { dedupeKey: `${RECOMMEND_VALIDATE}|${domain}` });
    }
  });
}

export function scheduleRecommendationValidation(queue: JobQueue, everyMs = NIGHTLY_MS) {
  return queue.repeat(RECOMMEND_NIGHTLY, {}, { key: RECOMMEND_NIGHTLY, everyMs });
}
