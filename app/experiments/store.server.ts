import { randomBytes } from "node:crypto";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { z } from "zod";
import type { Db } from "../db.server";
import { rewardVisitor } from "./bandit.server";
import { validateGreetingTemplate } from "../personalize/greetings";
import type { ValidationError } from "../personalize/validation-messages";
import { STRATEGIES, type StrategyName, type StrategyWeights } from "../recommend/types";
import { experimentsSetting } from "../settings/definitions.server";
import { readSetting, writeSetting } from "../settings/store.server";
import {
  assignVariant,
  computeMetrics,
  METRICS,
  successes,
  validateExperiment,
  verdict,
  type Experiment,
  type ExperimentEvent as AbEvent,
  type Metric,
  type Variant,
  type Verdict,
} from "./ab";

/**
 * The shop's experiments as stored (a settings document, so the storefront reads them
 * with the other settings in one cached query) and their events (ExperimentEvent rows).
 *
 * Life cycle: draft (editable) → running (visitors are assigned and counted) → stopped
 * (final: nothing more is recorded, and results only count what happened before the stop).
 * One experiment of each kind runs at a time, so a visitor's greeting or recommendations
 * are decided by one split only.
 */

export type StoredExperiment = z.infer<typeof experimentsSetting.schema>[number];
export type ExperimentKind = Experiment["kind"];

export const OUTCOME_TYPES = ["engaged", "click", "add_to_cart", "purchase"] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

export async function listExperiments(db: Db, shop: string): Promise<StoredExperiment[]> {
  return readSetting(db, shop, experimentsSetting);
}

export function runningExperiment(list: readonly StoredExperiment[], kind: ExperimentKind): Experiment | null {
  return (
    list.find((stored) => stored.experiment.kind === kind && stored.experiment.status === "running")?.experiment ?? null
  );
}

// ---------------------------------------------------------------------------------------
// Editing.

const GONE = "This experiment no longer exists. Reload the page.";

/** Strategy weights a strategy variant sets (the others keep the shop's weights). */
// partialRecord: a variant names only the strategies it changes (z.record with enum keys wants all).
export const StrategyVariantSchema = z
  .partialRecord(
    z.enum(STRATEGIES, { error: `a strategy is one of: ${STRATEGIES.join(", ")}` }),
    z
      .number({ error: "a strategy weight must be a number" })
      .min(0, { error: "a strategy weight cannot be negative" })
      .max(10, { error: "a strategy weight can be at most 10" }),
  )
  .refine((weights) => Object.keys(weights).length > 0, { error: "set at least one strategy weight" });

export function parseStrategyPayload(payload: string): Partial<StrategyWeights> | null {
  try {
    const parsed = StrategyVariantSchema.safeParse(JSON.parse(payload));
    return parsed.success ? (parsed.data as Partial<Record<StrategyName, number>>) : null;
  } catch {
    return null;
  }
}

export interface ExperimentDraft {
  id?: string | null;
  name: string;
  kind: ExperimentKind;
  primaryMetric: Metric;
  segment?: string | null;
  /** Each variant's share of the traffic in percent; they add up to 100. */
  variants: { name: string; percent: number; payload: string }[];
}

export const ExperimentDraftSchema = z.object({
  id: z.string().max(64).nullish(),
  name: z.string().max(200),
  kind: z.enum(["greeting", "strategy"], { error: "Choose what the experiment tests: greetings or recommendations" }),
  primaryMetric: z.enum(METRICS, { error: "Choose what counts as a success" }),
  segment: z.string().max(64).nullish(),
  variants: z
    .array(
      z.object({
        name: z.string().max(200),
        percent: z.number({ error: "Each variant's share must be a number of percent" }),
        payload: z.string().max(4000),
      }),
    )
    .max(5, { error: "An experiment can have at most five variants" }),
});

export type EditResult = { ok: true; experiment: StoredExperiment } | { ok: false; errors: ValidationError[] };

const fail = (path: (string | number)[], message: string): EditResult => ({ ok: false, errors: [{ path, message }] });

/** Creates a draft or edits one; running and stopped experiments are not edited (their results would mix). */
export async function saveExperiment(db: Db, shop: string, draft: ExperimentDraft, now: Date): Promise<EditResult> {
  const list = await listExperiments(db, shop);
  const existing = draft.id ? list.find((stored) => stored.experiment.id === draft.id) : undefined;
  if (draft.id && !existing) return fail([], GONE);
  if (existing && existing.experiment.status !== "draft") {
    return fail([], "A started experiment cannot be changed: its results would mix two set-ups. Create a new one.");
  }

  const errors: ValidationError[] = [];
  const total = draft.variants.reduce((sum, variant) => sum + variant.percent, 0);
  draft.variants.forEach((variant, index) => {
    if (!Number.isInteger(variant.percent) || variant.percent < 1 || variant.percent > 99) {
      errors.push({ path: ["variants", index, "percent"], message: "A share is a whole number from 1 to 99 percent" });
    }
    if (draft.kind === "greeting") {
      const check = validateGreetingTemplate(variant.payload);
      if (!check.ok) {
        for (const problem of check.errors) {
          errors.push({
            path: ["variants", index, "payload"],
            message: `Line ${problem.line}, column ${problem.column}: ${problem.message}`,
          });
        }
      }
    } else if (!parseStrategyPayload(variant.payload)) {
      errors.push({
        path: ["variants", index, "payload"],
        message: `Give strategy weights from 0 to 10, for example {"personal": 2, "popular": 0.5}. Strategies: ${STRATEGIES.join(", ")}`,
      });
    }
  });
  if (draft.variants.length >= 2 && total !== 100) {
    errors.push({ path: ["variants"], message: `The traffic split must add up to 100% (it adds up to ${total}%)` });
  }

  const id = existing?.experiment.id ?? `exp_${randomBytes(6).toString("base64url")}`;
  const checked = validateExperiment({
    id,
    name: draft.name,
    kind: draft.kind,
    status: "draft",
    segment: draft.segment || null,
    traffic: 1,
    primaryMetric: draft.primaryMetric,
    variants: draft.variants.map((variant, index) => ({
      id: String.fromCharCode(97 + index),
      name: variant.name,
      weight: Math.max(variant.percent, 1),
      payload: variant.payload,
    })),
  });
  if (!checked.ok) errors.push(...checked.errors);
  if (errors.length || !checked.ok) return { ok: false, errors };

  const stored: StoredExperiment = existing
    ? { ...existing, experiment: checked.experiment }
    : { experiment: checked.experiment, createdAt: now.toISOString(), startedAt: null, stoppedAt: null };
  const next = existing ? list.map((item) => (item === existing ? stored : item)) : [...list, stored];
  if (next.length > 50) return fail([], "A shop can keep at most 50 experiments: delete an old one first.");
  await writeSetting(db, shop, experimentsSetting, next);
  return { ok: true, experiment: stored };
}

/** The shop's experiments and the one with this id (start, stop and delete act on it). */
async function experimentById(db: Db, shop: string, id: string) {
  const list = await listExperiments(db, shop);
  return { list, target: list.find((stored) => stored.experiment.id === id) };
}

/** Stores `updated` in place of `target`. */
async function replaceExperiment(
  db: Db,
  shop: string,
  list: StoredExperiment[],
  target: StoredExperiment,
  updated: StoredExperiment,
) {
  await writeSetting(
    db,
    shop,
    experimentsSetting,
    list.map((item) => (item === target ? updated : item)),
  );
}

export async function startExperiment(db: Db, shop: string, id: string, now: Date): Promise<EditResult> {
  const { list, target } = await experimentById(db, shop, id);
  if (!target) return fail([], GONE);
  if (target.experiment.status !== "draft") {
    return fail([], "Only a draft can be started: a stopped experiment's results are final.");
  }
  const running = runningExperiment(list, target.experiment.kind);
  if (running) {
    const what = target.experiment.kind === "greeting" ? "greeting" : "recommendation";
    return fail([], `Stop ‘${running.name}’ first: one ${what} experiment can run at a time.`);
  }
  const started: StoredExperiment = {
    ...target,
    experiment: { ...target.experiment, status: "running" },
    startedAt: now.toISOString(),
  };
  await replaceExperiment(db, shop, list, target, started);
  return { ok: true, experiment: started };
}

export async function stopExperiment(db: Db, shop: string, id: string, now: Date): Promise<EditResult> {
  const { list, target } = await experimentById(db, shop, id);
  if (!target) return fail([], GONE);
  if (target.experiment.status !== "running") return fail([], "This experiment is not running.");
  const stopped: StoredExperiment = {
    ...target,
    experiment: { ...target.experiment, status: "stopped" },
    stoppedAt: now.toISOString(),
  };
  await replaceExperiment(db, shop, list, target, stopped);
  return { ok: true, experiment: stopped };
}

/** Deletes a draft or a stopped experiment with its events; a running one must be stopped first. */
export async function deleteExperiment(db: Db, shop: string, id: string): Promise<EditResult> {
  const { list, target } = await experimentById(db, shop, id);
  if (!target) return fail([], GONE);
  if (target.experiment.status === "running") return fail([], "Stop the experiment before deleting it.");
  await writeSetting(
    db,
    shop,
    experimentsSetting,
    list.filter((item) => item !== target),
  );
  await db.experimentEvent.deleteMany({ where: { shop, experimentId: id } });
  return { ok: true, experiment: target };
}

// ---------------------------------------------------------------------------------------
// Events.

/**
 * The visitor's variant in the running experiment of a kind, with the exposure recorded
 * (once per visitor: later calls find the row and change nothing).
 */
export async function exposeVisitor(
  db: Db,
  shop: string,
  experiment: Experiment | null,
  visitorId: string,
  segments: readonly string[],
  now: Date,
): Promise<Variant | null> {
  if (!experiment) return null;
  const variant = assignVariant(experiment, visitorId, { segments });
  if (!variant) return null;
  const key = { shop, experimentId: experiment.id, visitorId, type: "exposure", ref: "" };
  await db.experimentEvent.upsert({
    where: { shop_experimentId_visitorId_type_ref: key },
    create: { ...key, variantId: variant.id, occurredAt: now },
    update: {},
  });
  return variant;
}

/**
 * Records an outcome for every running experiment the visitor was exposed to, under the
 * variant they saw. A visitor counts once per kind of outcome (per order for purchases).
 * Returns how many experiments it counted for.
 */
export async function recordOutcome(
  db: Db,
  shop: string,
  visitorId: string,
  outcome: { type: OutcomeType; at: Date; ref?: string; revenue?: number },
): Promise<number> {
  const running = (await listExperiments(db, shop))
    .filter((stored) => stored.experiment.status === "running")
    .map((stored) => stored.experiment.id);
  if (running.length === 0) return 0;
  const exposures = await db.experimentEvent.findMany({
    where: { shop, visitorId, type: "exposure", experimentId: { in: running } },
    select: { experimentId: true, variantId: true },
  });
  for (const exposure of exposures) {
    const key = { shop, experimentId: exposure.experimentId, visitorId, type: outcome.type, ref: outcome.ref ?? "" };
    await db.experimentEvent.upsert({
      where: { shop_experimentId_visitorId_type_ref: key },
      create: { ...key, variantId: exposure.variantId, occurredAt: outcome.at, revenue: outcome.revenue ?? null },
      update: {},
    });
  }
  return exposures.length;
}

const attributedOrder = z.object({
  id: z.union([z.number(), z.string()]),
  admin_graphql_api_id: z.string().nullish(),
  total_price: z.union([z.string(), z.number()]).nullish(),
  created_at: z.string(),
  note_attributes: z
    .array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]).nullish() }))
    .nullish(),
});

/**
 * `orders/create`: an order whose cart carried the chat's conversation (the widget's
 * add to cart sets the `_assistant_conversation` cart attribute) is a purchase outcome
 * for that conversation's visitor, with the order's total as revenue.
 */
export async function recordAttributedOrder(db: Db, shop: string, payload: unknown): Promise<number> {
  const parsed = attributedOrder.safeParse(payload);
  if (!parsed.success) return 0;
  const order = parsed.data;
  const conversationId = order.note_attributes?.find((a) => a.name === "_assistant_conversation")?.value;
  if (conversationId == null) return 0;
  const conversation = await db.conversation.findFirst({
    where: { id: String(conversationId), shop },
    select: { visitorId: true },
  });
  if (!conversation) return 0;
  const created = new Date(order.created_at);
  const at = Number.isNaN(created.getTime()) ? new Date() : created;
  await rewardVisitor(db, shop, conversation.visitorId, "purchase", { kinds: ["strategy", "greeting"], now: at });
  return recordOutcome(db, shop, conversation.visitorId, {
    type: "purchase",
    ref: order.admin_graphql_api_id ?? `gid://shopify/Order/${order.id}`,
    revenue: Number(order.total_price ?? 0) || 0,
    at,
  });
}

// ---------------------------------------------------------------------------------------
// Results.

export interface VariantResult {
  id: string;
  name: string;
  percent: number;
  payload: string;
  exposures: number;
  conversions: number;
  rate: number;
  /** 95 % Wilson score interval of the rate (for revenue per visitor: null). */
  interval: [number, number] | null;
  /** Revenue per visitor, for the revenue metric. */
  revenuePerVisitor: number;
}

export interface ExperimentResults {
  variants: VariantResult[];
  verdict: Verdict;
  /** Rough visitors still needed per variant before the test can say anything; 0 when enough. */
  moreVisitorsNeeded: number;
}

/** Per-variant results of an experiment, counting only what happened while it ran. */
export async function experimentResults(
  db: Db,
  shop: string,
  stored: StoredExperiment,
  options: { currency?: string; locale?: string } = {},
): Promise<ExperimentResults> {
  const { experiment } = stored;
  const rows = await db.experimentEvent.findMany({
    where: {
      shop,
      experimentId: experiment.id,
      ...(stored.stoppedAt ? { occurredAt: { lte: new Date(stored.stoppedAt) } } : {}),
    },
    select: { type: true, variantId: true, visitorId: true, occurredAt: true, revenue: true },
  });
  const events: AbEvent[] = rows.map((row) => {
    const base = { experimentId: experiment.id, visitorKey: row.visitorId, at: row.occurredAt.toISOString() };
    if (row.type === "exposure") return { ...base, type: "exposure", variantId: row.variantId };
    if (row.type === "purchase") return { ...base, type: "purchase", revenue: Number(row.revenue ?? 0) };
    return { ...base, type: row.type as "engaged" | "click" | "add_to_cart" };
  });
  const metrics = computeMetrics(experiment, events);
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  const z = normalQuantile(0.975, 0, 1);
  const variants = experiment.variants.map((variant, index) => {
    const m = metrics.variants[index];
    const conversions = successes(m, experiment.primaryMetric);
    return {
      id: variant.id,
      name: variant.name,
      percent: Math.round((variant.weight / total) * 100),
      payload: variant.payload,
      exposures: m.visitors,
      conversions,
      rate: m.visitors ? conversions / m.visitors : 0,
      interval: experiment.primaryMetric === "revenue_per_visitor" ? null : wilson(conversions, m.visitors, z),
      revenuePerVisitor: m.revenuePerVisitor,
    };
  });
  const fewest = Math.min(...variants.map((variant) => variant.exposures));
  return {
    variants,
    verdict: verdict(experiment, metrics, options),
    moreVisitorsNeeded: Math.max(0, experiment.minimum.visitorsPerVariant - fewest),
  };
}

/** Wilson score interval: stays inside [0, 1] and means something at small counts, unlike p ± z·se. */
export function wilson(hits: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = hits / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - margin), Math.min(1, centre + margin)];
}
