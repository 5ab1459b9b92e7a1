import murmurhash from "murmurhash";
import { z } from "zod";
import { merchantErrorMap, nameAt, type ValidationError } from "~/personalize/validation-messages";
import { summarizeSample, twoProportionZTest, welchTTest, type SampleSummary } from "./significance";

/**
 * A/B experiments over greeting variants or recommendation strategies: deterministic
 * assignment by visitor, exposure and outcome events, per-variant metrics and a verdict
 * with a significance test (docs/decisions/0030-experiment-significance-tests.md).
 *
 * The unit is the visitor: a visitor is assigned once, counted once, and each metric is
 * "share of visitors who did X at least once" (or revenue per visitor). Counting
 * impressions instead would make observations dependent and the tests overconfident.
 */

export const EXPERIMENT_KINDS = ["greeting", "strategy"] as const;
export const METRICS = ["engagement", "click_through", "add_to_cart", "conversion", "revenue_per_visitor"] as const;
export type Metric = (typeof METRICS)[number];

const identifier = (what: string) =>
  z
    .string({ error: `${what} needs an id` })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: `${what}'s id uses letters, digits, - and _ (up to 64)` });

export const VariantSchema = z.strictObject({
  id: identifier("a variant"),
  name: z.string({ error: "a variant needs a name" }).trim().min(1, { error: "a variant needs a name" }).max(80),
  /** Relative share of the experiment's traffic. */
  weight: z
    .number({ error: "a variant's weight must be a number, for example 50" })
    .positive({ error: "a variant's weight must be more than 0" })
    .default(1),
  /** What the variant shows: a greeting template id or a strategy name. */
  payload: z.string({ error: "a variant needs something to show" }).trim().min(1, {
    error: "a variant needs something to show: a greeting or a strategy",
  }),
});

export const ExperimentSchema = z
  .strictObject({
    id: identifier("an experiment"),
    name: z
      .string({ error: "an experiment needs a name" })
      .trim()
      .min(1, { error: "an experiment needs a name" })
      .max(80),
    kind: z.enum(EXPERIMENT_KINDS, { error: "an experiment tests greetings or strategies" }),
    status: z
      .enum(["draft", "running", "stopped"], { error: "the status is draft, running or stopped" })
      .default("draft"),
    /** Only shoppers in this segment take part; null for everyone. */
    segment: z.string().trim().min(1).nullable().default(null),
    /** Share of eligible visitors who enter the experiment (the rest see the default). */
    traffic: z
      .number({ error: "the traffic share must be a number between 0 and 1" })
      .gt(0, { error: "the traffic share must be more than 0" })
      .max(1, { error: "the traffic share can be at most 1 (everyone)" })
      .default(1),
    /** The first variant is the control the others are compared with. */
    variants: z
      .array(VariantSchema, { error: "an experiment needs a list of variants" })
      .min(2, { error: "an experiment needs at least two variants" })
      .max(5, { error: "an experiment can have at most five variants" }),
    primaryMetric: z.enum(METRICS, { error: `the metric is one of: ${METRICS.join(", ")}` }).default("conversion"),
    /** Significance level; split across comparisons when there are more than two variants. */
    alpha: z.number().gt(0).lt(0.5).default(0.05),
    minimum: z
      .strictObject({
        visitorsPerVariant: z.number().int().min(10).default(100),
        successesPerVariant: z.number().int().min(1).default(10),
      })
      .default({ visitorsPerVariant: 100, successesPerVariant: 10 }),
  })
  .superRefine((experiment, ctx) => {
    const seen = new Set<string>();
    experiment.variants.forEach((variant, index) => {
      if (seen.has(variant.id)) {
        ctx.addIssue({ code: "custom", path: ["variants", index, "id"], message: "two variants share an id" });
      }
      seen.add(variant.id);
    });
  });

export type Experiment = z.infer<typeof ExperimentSchema>;
export type ExperimentInput = z.input<typeof ExperimentSchema>;
export type Variant = Experiment["variants"][number];

const errorMap = merchantErrorMap({ id: "the id", name: "the name", variants: "the variants", weight: "the weight" });

/** Checks an experiment; messages read "Experiment ‘Greeting test’: an experiment needs at least two variants". */
export function validateExperiment(
  json: unknown,
): { ok: true; experiment: Experiment } | { ok: false; errors: ValidationError[] } {
  const parsed = ExperimentSchema.safeParse(json, { error: errorMap });
  if (parsed.success) return { ok: true, experiment: parsed.data };
  const name = nameAt(json);
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = issue.path.filter((segment): segment is string | number => typeof segment !== "symbol");
      const variant = path[0] === "variants" && typeof path[1] === "number" ? `, variant ${path[1] + 1}` : "";
      return { path, message: `Experiment${name ? ` ‘${name}’` : ""}${variant}: ${issue.message}` };
    }),
  };
}

// ---------------------------------------------------------------------------------------
// Assignment.

const utf8 = new TextEncoder();

/**
 * A stable point in [0, 1) for a visitor in an experiment: MurmurHash3 (x86, 32-bit) of
 * "experimentId:salt:visitorKey". Stable across processes and deploys, independent
 * between experiments (the id is part of the key), uniform enough for traffic splits.
 */
export function bucket(experimentId: string, visitorKey: string, salt = "variant"): number {
  return murmurhash.v3(utf8.encode(`${experimentId}:${salt}:${visitorKey}`)) / 2 ** 32;
}

/**
 * The visitor's variant, or null when the experiment is not running, the shopper is
 * outside its segment, or the visitor falls outside its traffic share. The same visitor
 * always gets the same answer while the experiment's variants and weights stay the same.
 */
export function assignVariant(
  experiment: Experiment,
  visitorKey: string,
  shopper: { segments?: readonly string[] } = {},
): Variant | null {
  if (experiment.status !== "running") return null;
  if (experiment.segment && !(shopper.segments ?? []).includes(experiment.segment)) return null;
  // A separate hash for the traffic gate, so changing the share does not reshuffle variants.
  if (experiment.traffic < 1 && bucket(experiment.id, visitorKey, "traffic") >= experiment.traffic) return null;
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  const point = bucket(experiment.id, visitorKey) * total;
  let cumulative = 0;
  for (const variant of experiment.variants) {
    cumulative += variant.weight;
    if (point < cumulative) return variant;
  }
  return experiment.variants[experiment.variants.length - 1];
}

// ---------------------------------------------------------------------------------------
// Events.

export type ExposureEvent = {
  type: "exposure";
  experimentId: string;
  variantId: string;
  visitorKey: string;
  at: string;
};

export type OutcomeEvent =
  | { type: "engaged" | "click" | "add_to_cart"; experimentId: string; visitorKey: string; at: string }
  | { type: "purchase"; experimentId: string; visitorKey: string; at: string; revenue: number };

export type ExperimentEvent = ExposureEvent | OutcomeEvent;

/** The exposure to log when a visitor is shown their variant (null: not in the experiment). */
export function exposureFor(
  experiment: Experiment,
  visitorKey: string,
  now: Date,
  shopper: { segments?: readonly string[] } = {},
): ExposureEvent | null {
  const variant = assignVariant(experiment, visitorKey, shopper);
  return variant
    ? { type: "exposure", experimentId: experiment.id, variantId: variant.id, visitorKey, at: now.toISOString() }
    : null;
}

// ---------------------------------------------------------------------------------------
// Metrics.

export interface VariantMetrics {
  variantId: string;
  visitors: number;
  /** Visitors who wrote to the assistant after their exposure. */
  engagers: number;
  clickers: number;
  addToCarters: number;
  buyers: number;
  revenue: number;
  engagementRate: number;
  clickThroughRate: number;
  addToCartRate: number;
  conversionRate: number;
  revenuePerVisitor: number;
  /** Per-visitor revenue (zeros included), for Welch's t-test. */
  revenueSummary: SampleSummary;
}

export interface ExperimentMetrics {
  variants: VariantMetrics[];
  /** Outcomes from visitors never exposed, or that happened before their exposure. */
  ignoredOutcomes: number;
  /** Visitors logged under more than one variant (counted in their first). */
  conflictingVisitors: number;
}

interface VisitorRecord {
  variantId: string;
  exposedAt: number;
  engaged: boolean;
  clicked: boolean;
  addedToCart: boolean;
  bought: boolean;
  revenue: number;
}

/**
 * Metrics per variant from the experiment's event log (any order). A visitor belongs to
 * the variant of their first exposure; outcomes count only after it.
 */
export function computeMetrics(experiment: Experiment, events: readonly ExperimentEvent[]): ExperimentMetrics {
  const mine = events.filter((event) => event.experimentId === experiment.id);
  const visitors = new Map<string, VisitorRecord>();
  const conflicting = new Set<string>();
  const exposures = mine
    .filter((event): event is ExposureEvent => event.type === "exposure")
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const exposure of exposures) {
    const known = visitors.get(exposure.visitorKey);
    if (known) {
      if (known.variantId !== exposure.variantId) conflicting.add(exposure.visitorKey);
      continue;
    }
    visitors.set(exposure.visitorKey, {
      variantId: exposure.variantId,
      exposedAt: Date.parse(exposure.at),
      engaged: false,
      clicked: false,
      addedToCart: false,
      bought: false,
      revenue: 0,
    });
  }

  let ignoredOutcomes = 0;
  for (const event of mine) {
    if (event.type === "exposure") continue;
    const visitor = visitors.get(event.visitorKey);
    if (!visitor || Date.parse(event.at) < visitor.exposedAt) {
      ignoredOutcomes++;
      continue;
    }
    if (event.type === "engaged") visitor.engaged = true;
    else if (event.type === "click") visitor.clicked = true;
    else if (event.type === "add_to_cart") visitor.addedToCart = true;
    else if (event.type === "purchase") {
      visitor.bought = true;
      visitor.revenue += Number.isFinite(event.revenue) ? event.revenue : 0;
    }
  }

  const byVariant = new Map<string, VisitorRecord[]>(experiment.variants.map((variant) => [variant.id, []]));
  for (const visitor of visitors.values()) byVariant.get(visitor.variantId)?.push(visitor);

  return {
    variants: experiment.variants.map((variant) => {
      const group = byVariant.get(variant.id) ?? [];
      const count = (test: (visitor: VisitorRecord) => boolean) => group.filter(test).length;
      const n = group.length;
      const engagers = count((v) => v.engaged);
      const clickers = count((v) => v.clicked);
      const addToCarters = count((v) => v.addedToCart);
      const buyers = count((v) => v.bought);
      const revenue = group.reduce((sum, v) => sum + v.revenue, 0);
      const rate = (x: number) => (n > 0 ? x / n : 0);
      return {
        variantId: variant.id,
        visitors: n,
        engagers,
        clickers,
        addToCarters,
        buyers,
        revenue,
        engagementRate: rate(engagers),
        clickThroughRate: rate(clickers),
        addToCartRate: rate(addToCarters),
        conversionRate: rate(buyers),
        revenuePerVisitor: rate(revenue),
        revenueSummary: summarizeSample(group.map((v) => v.revenue)),
      };
    }),
    ignoredOutcomes,
    conflictingVisitors: conflicting.size,
  };
}

// ---------------------------------------------------------------------------------------
// Verdict.

export interface Comparison {
  variantId: string;
  controlId: string;
  test: "two-proportion z-test (pooled)" | "Welch's t-test";
  statistic: number;
  pValue: number;
  /** The significance level this comparison is judged at (alpha split across comparisons). */
  threshold: number;
  significant: boolean;
  variantValue: number;
  controlValue: number;
}

export type Verdict =
  | { status: "not_enough_data"; message: string; comparisons: [] }
  | { status: "no_difference" | "winner"; message: string; winner: string | null; comparisons: Comparison[] };

const METRIC_WORDS: Record<Metric, { success: string; better: string; rate: string }> = {
  engagement: { success: "conversations", better: "starts more conversations than", rate: "engagement" },
  click_through: { success: "clicks", better: "gets more clicks than", rate: "click-through" },
  add_to_cart: { success: "add-to-carts", better: "gets more add-to-carts than", rate: "add-to-cart rate" },
  conversion: { success: "conversions", better: "converts better than", rate: "conversion" },
  revenue_per_visitor: { success: "purchases", better: "earns more per visitor than", rate: "revenue per visitor" },
};

/** The visitors who count as a success for a metric (buyers for revenue too). */
export function successes(metrics: VariantMetrics, metric: Metric): number {
  switch (metric) {
    case "engagement":
      return metrics.engagers;
    case "click_through":
      return metrics.clickers;
    case "add_to_cart":
      return metrics.addToCarters;
    case "conversion":
    case "revenue_per_visitor":
      return metrics.buyers;
  }
}

function valueOf(metrics: VariantMetrics, metric: Metric): number {
  switch (metric) {
    case "engagement":
      return metrics.engagementRate;
    case "click_through":
      return metrics.clickThroughRate;
    case "add_to_cart":
      return metrics.addToCartRate;
    case "conversion":
      return metrics.conversionRate;
    case "revenue_per_visitor":
      return metrics.revenuePerVisitor;
  }
}

/**
 * Compares every variant with the control (the first) on the experiment's primary
 * metric, once each variant has the minimum sample, and says what it means in words.
 * With k variants each comparison is judged at alpha / (k − 1) (Bonferroni), so running
 * more variants does not raise the chance of a false winner.
 */
export function verdict(
  experiment: Experiment,
  metrics: ExperimentMetrics,
  options: { currency?: string; locale?: string } = {},
): Verdict {
  const metric = experiment.primaryMetric;
  const words = METRIC_WORDS[metric];
  const { visitorsPerVariant, successesPerVariant } = experiment.minimum;
  const name = (id: string) => experiment.variants.find((variant) => variant.id === id)?.name ?? id;

  const fewestVisitors = [...metrics.variants].sort((a, b) => a.visitors - b.visitors)[0];
  if (!fewestVisitors || fewestVisitors.visitors < visitorsPerVariant) {
    const seen = fewestVisitors?.visitors ?? 0;
    return {
      status: "not_enough_data",
      message: `Not enough data yet: ${seen} of ${visitorsPerVariant} visitors${inVariant(experiment, fewestVisitors, name)}`,
      comparisons: [],
    };
  }
  const fewestSuccesses = [...metrics.variants].sort((a, b) => successes(a, metric) - successes(b, metric))[0];
  if (successes(fewestSuccesses, metric) < successesPerVariant) {
    return {
      status: "not_enough_data",
      message: `Not enough data yet: ${successes(fewestSuccesses, metric)} of ${successesPerVariant} ${words.success}${inVariant(experiment, fewestSuccesses, name)}`,
      comparisons: [],
    };
  }

  const [control, ...others] = metrics.variants;
  const threshold = experiment.alpha / others.length;
  const comparisons: Comparison[] = others.map((variant) => {
    const result =
      metric === "revenue_per_visitor"
        ? welchTTest(variant.revenueSummary, control.revenueSummary)
        : twoProportionZTest(
            successes(variant, metric),
            variant.visitors,
            successes(control, metric),
            control.visitors,
          );
    return {
      variantId: variant.variantId,
      controlId: control.variantId,
      test: metric === "revenue_per_visitor" ? "Welch's t-test" : "two-proportion z-test (pooled)",
      statistic: "z" in result ? result.z : result.t,
      pValue: result.pValue,
      threshold,
      significant: result.pValue < threshold,
      variantValue: valueOf(variant, metric),
      controlValue: valueOf(control, metric),
    };
  });

  const format = (value: number) =>
    metric === "revenue_per_visitor" ? money(value, options) : `${(value * 100).toFixed(1)}%`;
  const significant = comparisons.filter((comparison) => comparison.significant);
  if (significant.length === 0) {
    const closest = [...comparisons].sort((a, b) => a.pValue - b.pValue)[0];
    return {
      status: "no_difference",
      message: `No significant difference: ${name(closest.variantId)} ${format(closest.variantValue)} vs ${name(
        closest.controlId,
      )} ${format(closest.controlValue)}, ${formatP(closest.pValue)}`,
      winner: null,
      comparisons,
    };
  }
  // A variant that beats the control wins; if variants only lost, the control wins.
  const better = significant
    .filter((comparison) => comparison.variantValue > comparison.controlValue)
    .sort((a, b) => b.variantValue - a.variantValue)[0];
  const decisive = better ?? significant.sort((a, b) => a.pValue - b.pValue)[0];
  const [winnerId, loserId, winnerValue, loserValue] = better
    ? [decisive.variantId, decisive.controlId, decisive.variantValue, decisive.controlValue]
    : [decisive.controlId, decisive.variantId, decisive.controlValue, decisive.variantValue];
  const unit = metric === "conversion" || metric === "revenue_per_visitor" ? "" : ` ${words.rate}`;
  return {
    status: "winner",
    message: `${name(winnerId)} ${words.better} ${name(loserId)}: ${format(winnerValue)} vs ${format(loserValue)}${unit}, ${formatP(decisive.pValue)}`,
    winner: winnerId,
    comparisons,
  };
}

function inVariant(experiment: Experiment, metrics: VariantMetrics | undefined, name: (id: string) => string) {
  return experiment.variants.length > 2 && metrics ? ` in ${name(metrics.variantId)}` : "";
}

export function formatP(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

function money(value: number, { currency, locale = "en" }: { currency?: string; locale?: string }) {
  return currency ? new Intl.NumberFormat(locale, { style: "currency", currency }).format(value) : value.toFixed(2);
}
