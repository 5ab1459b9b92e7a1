import { z } from "zod";
import { merchantErrorMap, nameAt, type ValidationError } from "./validation-messages";

/**
 * Shopper segments: six built-in ones and merchant-defined condition trees over customer
 * fields. Membership is computed from the shopper's current data on every call (never
 * stored), so it stays current as orders, tags and time move on.
 */

export const BUILT_IN_SEGMENTS = [
  "new_visitor",
  "returning_visitor",
  "first_time_buyer",
  "repeat_customer",
  "vip",
  "lapsed",
] as const;
export type BuiltInSegment = (typeof BUILT_IN_SEGMENTS)[number];

export const BUILT_IN_SEGMENT_NAMES: Record<BuiltInSegment, string> = {
  new_visitor: "New visitor",
  returning_visitor: "Returning visitor",
  first_time_buyer: "First-time buyer",
  repeat_customer: "Repeat customer",
  vip: "VIP",
  lapsed: "Lapsed customer",
};

/** What the storefront knows about a logged-in customer (from the synced Customer). */
export interface ShopperCustomer {
  orderCount: number;
  /** Lifetime spend in the shop's currency. */
  totalSpent: number;
  tags: string[];
  /** ISO 3166-1 alpha-2 code of the default address, if any. */
  country?: string | null;
  /** ISO timestamp of the latest order. */
  lastOrderAt?: string | null;
  /** ISO timestamp the customer account was created. */
  createdAt?: string | null;
}

export interface Shopper {
  /** Absent for guests (not logged in, or no consent to use their data). */
  customer?: ShopperCustomer | null;
  /** Earlier sessions of this visitor (0 on the first visit). */
  visits: number;
  /** The storefront's localization country, used when there is no customer address. */
  country?: string | null;
}

// ---------------------------------------------------------------------------------------
// Merchant-defined conditions.

export const NUMBER_FIELDS = [
  "orderCount",
  "totalSpent",
  "visitCount",
  "daysSinceLastOrder",
  "daysSinceSignup",
] as const;
export const FIELDS = [...NUMBER_FIELDS, "tags", "country", "hasAccount"] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type Field = (typeof FIELDS)[number];

export const NUMBER_OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "between"] as const;
export const TAG_OPERATORS = ["contains", "notContains"] as const;
export const COUNTRY_OPERATORS = ["in", "notIn"] as const;

export type Comparison =
  | { field: NumberField; op: Exclude<(typeof NUMBER_OPERATORS)[number], "between">; value: number }
  | { field: NumberField; op: "between"; value: [number, number] }
  | { field: "tags"; op: (typeof TAG_OPERATORS)[number]; value: string }
  | { field: "country"; op: (typeof COUNTRY_OPERATORS)[number]; value: string[] }
  | { field: "hasAccount"; op: "eq"; value: boolean };

export type ConditionNode = { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode } | Comparison;

export interface CustomSegment {
  id: string;
  name: string;
  condition: ConditionNode;
}

export interface BuiltInConfig {
  /** Lifetime spend from which a customer is a VIP, in the shop's currency. */
  vipThreshold: number;
  /** Days without an order after which a past buyer counts as lapsed. */
  lapsedAfterDays: number;
  /** Built-in segments the merchant switched off. */
  disabled: BuiltInSegment[];
}

export interface SegmentDefinitions {
  builtIn: BuiltInConfig;
  custom: CustomSegment[];
}

const FIELD_LABELS: Record<Field, string> = {
  orderCount: "order count",
  totalSpent: "total spent",
  visitCount: "visit count",
  daysSinceLastOrder: "days since last order",
  daysSinceSignup: "days since sign-up",
  tags: "customer tags",
  country: "country",
  hasAccount: "has an account",
};

const EXAMPLE: Record<NumberField, number> = {
  orderCount: 3,
  totalSpent: 250,
  visitCount: 5,
  daysSinceLastOrder: 60,
  daysSinceSignup: 30,
};

export const LIMITS = { segments: 50, depth: 5, comparisons: 50, nameLength: 60 } as const;

// ---------------------------------------------------------------------------------------
// Defaults.

/**
 * Lifetime spend that makes a VIP when the merchant has not chosen one: round figures
 * near USD 500 in each currency (a level few shoppers of a small shop reach). Not an
 * exchange-rate conversion; `suggestVipThreshold` derives one from the shop's own data.
 */
const VIP_BY_CURRENCY: Record<string, number> = {
  USD: 500,
  CAD: 700,
  AUD: 750,
  NZD: 800,
  EUR: 450,
  GBP: 400,
  CHF: 450,
  SEK: 5000,
  NOK: 5000,
  DKK: 3500,
  PLN: 2000,
  CZK: 12000,
  HUF: 180000,
  RON: 2300,
  JPY: 75000,
  CNY: 3500,
  HKD: 4000,
  TWD: 15000,
  SGD: 650,
  MYR: 2300,
  THB: 18000,
  IDR: 8000000,
  PHP: 28000,
  INR: 40000,
  KRW: 700000,
  BRL: 2500,
  MXN: 9000,
  CLP: 450000,
  COP: 2000000,
  ZAR: 9000,
  AED: 1800,
  SAR: 1900,
  ILS: 1800,
  TRY: 17000,
};

export function defaultVipThreshold(currency: string): number {
  return VIP_BY_CURRENCY[currency.toUpperCase()] ?? VIP_BY_CURRENCY.USD;
}

export function defaultSegmentDefinitions(currency: string): SegmentDefinitions {
  return { builtIn: { vipThreshold: defaultVipThreshold(currency), lapsedAfterDays: 90, disabled: [] }, custom: [] };
}

/**
 * A VIP threshold from the shop's own customers: the spend of the top `share` (default
 * the top 10 %) of buyers, rounded down to two significant figures so the admin can show
 * "your top 10 % spent at least 480". Undefined with fewer than 20 buyers (too few to say).
 */
export function suggestVipThreshold(totalsSpent: readonly number[], share = 0.1): number | undefined {
  const buyers = totalsSpent.filter((total) => total > 0).sort((a, b) => b - a);
  if (buyers.length < 20) return undefined;
  const cut = buyers[Math.max(0, Math.ceil(buyers.length * share) - 1)];
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(cut)) - 1);
  return Math.floor(cut / magnitude) * magnitude;
}

// ---------------------------------------------------------------------------------------
// Membership.

const DAY_MS = 86_400_000;

/**
 * The ids of every segment the shopper belongs to right now: built-in ones first (in
 * BUILT_IN_SEGMENTS order), then the merchant's in their order.
 */
export function segmentsFor(shopper: Shopper, definitions: SegmentDefinitions, now: Date): string[] {
  const { builtIn } = definitions;
  const disabled = new Set(builtIn.disabled);
  const customer = shopper.customer ?? null;
  const orders = customer?.orderCount ?? 0;
  const result: string[] = [];
  const add = (segment: BuiltInSegment, member: boolean) => {
    if (member && !disabled.has(segment)) result.push(segment);
  };

  // A customer with orders has been here before even if this device has no history.
  const isNew = shopper.visits <= 0 && orders === 0;
  add("new_visitor", isNew);
  add("returning_visitor", !isNew);
  add("first_time_buyer", orders === 1);
  add("repeat_customer", orders >= 2);
  add("vip", customer !== null && builtIn.vipThreshold > 0 && customer.totalSpent >= builtIn.vipThreshold);
  const sinceLast = daysSince(customer?.lastOrderAt, now);
  add("lapsed", orders >= 1 && sinceLast !== null && sinceLast > builtIn.lapsedAfterDays);

  for (const segment of definitions.custom) {
    if (evaluate(segment.condition, shopper, now)) result.push(segment.id);
  }
  return result;
}

/** Built-in segments from the most to the least specific. */
const SPECIFICITY: BuiltInSegment[] = [
  "vip",
  "lapsed",
  "repeat_customer",
  "first_time_buyer",
  "returning_visitor",
  "new_visitor",
];

/**
 * A shopper's segments from the one to personalise by first: the merchant's own segments
 * (the most deliberate, in the order given), then the built-in ones from the most to the
 * least specific.
 */
export function rankSegments(segments: readonly string[]): string[] {
  const builtIn = new Set<string>(BUILT_IN_SEGMENTS);
  return [
    ...segments.filter((segment) => !builtIn.has(segment)),
    ...SPECIFICITY.filter((segment) => segments.includes(segment)),
  ];
}

/** The one segment to personalise by when a shopper is in several (e.g. the bandit's context). */
export function primarySegment(segments: readonly string[]): string | undefined {
  return rankSegments(segments)[0];
}

/** Whether a condition tree holds for the shopper. Unknown values (a guest's country) match nothing. */
export function evaluate(node: ConditionNode, shopper: Shopper, now: Date): boolean {
  if ("all" in node) return node.all.every((child) => evaluate(child, shopper, now));
  if ("any" in node) return node.any.some((child) => evaluate(child, shopper, now));
  if ("not" in node) return !evaluate(node.not, shopper, now);
  return compare(node, shopper, now);
}

function compare(comparison: Comparison, shopper: Shopper, now: Date): boolean {
  const customer = shopper.customer ?? null;
  switch (comparison.field) {
    case "tags": {
      const wanted = comparison.value.trim().toLowerCase();
      const has = (customer?.tags ?? []).some((tag) => tag.trim().toLowerCase() === wanted);
      return comparison.op === "contains" ? has : !has;
    }
    case "country": {
      const country = (customer?.country || shopper.country || "").trim().toUpperCase();
      if (!country) return false;
      const listed = comparison.value.includes(country);
      return comparison.op === "in" ? listed : !listed;
    }
    case "hasAccount":
      return (customer !== null) === comparison.value;
    default: {
      const value = numberField(comparison.field, shopper, now);
      if (value === null) return false;
      if (comparison.op === "between") return value >= comparison.value[0] && value <= comparison.value[1];
      const target = comparison.value;
      switch (comparison.op) {
        case "eq":
          return value === target;
        case "ne":
          return value !== target;
        case "gt":
          return value > target;
        case "gte":
          return value >= target;
        case "lt":
          return value < target;
        case "lte":
          return value <= target;
      }
    }
  }
}

function numberField(field: NumberField, shopper: Shopper, now: Date): number | null {
  const customer = shopper.customer ?? null;
  switch (field) {
    case "orderCount":
      return customer?.orderCount ?? 0;
    case "totalSpent":
      return customer?.totalSpent ?? 0;
    case "visitCount":
      return shopper.visits;
    case "daysSinceLastOrder":
      return daysSince(customer?.lastOrderAt, now);
    case "daysSinceSignup":
      return daysSince(customer?.createdAt, now);
  }
}

/** Whole days elapsed, or null when the date is missing or unreadable. */
function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return Math.floor((now.getTime() - time) / DAY_MS);
}

// ---------------------------------------------------------------------------------------
// Validation.

const errorMap = merchantErrorMap({
  id: "the id",
  name: "the name",
  condition: "the condition",
  vipThreshold: "the VIP threshold",
  lapsedAfterDays: "‘lapsed after days’",
  disabled: "the switched-off segments",
  builtIn: "the built-in settings",
  custom: "the merchant segments",
});

const ComparisonShape = z.looseObject({ field: z.unknown(), op: z.unknown(), value: z.unknown() });

/** Checks one comparison and words each problem for the merchant. */
function checkComparison(raw: Record<string, unknown>, report: (message: string, key?: string) => void) {
  const extra = Object.keys(raw).filter((key) => !["field", "op", "value"].includes(key));
  if (extra.length) report(`unknown setting ${extra.map((key) => `‘${key}’`).join(", ")}`);
  const { field, op, value } = ComparisonShape.parse(raw);
  if (typeof field !== "string" || !(FIELDS as readonly string[]).includes(field)) {
    report(`a comparison needs a field, one of: ${FIELDS.map((f) => FIELD_LABELS[f]).join(", ")}`, "field");
    return;
  }
  const label = FIELD_LABELS[field as Field];
  if ((NUMBER_FIELDS as readonly string[]).includes(field)) {
    const example = EXAMPLE[field as NumberField];
    if (!(NUMBER_OPERATORS as readonly string[]).includes(String(op))) {
      report(`${label} can be compared with: ${NUMBER_OPERATORS.join(", ")}`, "op");
    } else if (op === "between") {
      const ok = Array.isArray(value) && value.length === 2 && value.every(isNumber) && value[0] <= value[1];
      if (!ok) report(`‘between’ needs two numbers, lowest first, for example [${example}, ${example * 2}]`, "value");
    } else if (!isNumber(value)) {
      report(`${label} needs a number, for example ${example}`, "value");
    } else if (value < 0) {
      report(`${label} cannot be negative`, "value");
    }
  } else if (field === "tags") {
    if (!(TAG_OPERATORS as readonly string[]).includes(String(op))) {
      report(`customer tags can be compared with: ${TAG_OPERATORS.join(", ")}`, "op");
    }
    if (typeof value !== "string" || value.trim() === "") report("customer tags needs a tag, for example vip", "value");
  } else if (field === "country") {
    if (!(COUNTRY_OPERATORS as readonly string[]).includes(String(op))) {
      report(`country can be compared with: ${COUNTRY_OPERATORS.join(", ")}`, "op");
    }
    const codes = Array.isArray(value) && value.length > 0 && value.every((c) => /^[A-Za-z]{2}$/.test(String(c)));
    if (!codes) report('country needs a list of two-letter country codes, for example ["US", "CA"]', "value");
  } else if (field === "hasAccount") {
    if (op !== "eq") report("has an account can only be compared with: eq", "op");
    if (typeof value !== "boolean") report("has an account needs true or false", "value");
  }
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Walks a condition tree, reporting problems by path; returns the normalised tree. */
function checkNode(
  raw: unknown,
  path: (string | number)[],
  depth: number,
  counter: { comparisons: number },
  report: (message: string, path: (string | number)[]) => void,
): ConditionNode | undefined {
  if (depth > LIMITS.depth) {
    report(`conditions can be nested at most ${LIMITS.depth} levels deep`, path);
    return undefined;
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    report("a condition must be ‘all’, ‘any’, ‘not’ or a comparison of a field", path);
    return undefined;
  }
  const node = raw as Record<string, unknown>;
  for (const group of ["all", "any"] as const) {
    if (group in node) {
      const extra = Object.keys(node).filter((key) => key !== group);
      if (extra.length) report(`‘${group}’ cannot be combined with ${extra.map((k) => `‘${k}’`).join(", ")}`, path);
      const children = node[group];
      if (!Array.isArray(children) || children.length === 0) {
        report(`‘${group}’ needs a list of at least one condition`, [...path, group]);
        return undefined;
      }
      const parsed = children.map((child, index) =>
        checkNode(child, [...path, group, index], depth + 1, counter, report),
      );
      return parsed.every(Boolean) ? ({ [group]: parsed as ConditionNode[] } as ConditionNode) : undefined;
    }
  }
  if ("not" in node) {
    const extra = Object.keys(node).filter((key) => key !== "not");
    if (extra.length) report(`‘not’ cannot be combined with ${extra.map((k) => `‘${k}’`).join(", ")}`, path);
    const child = checkNode(node.not, [...path, "not"], depth + 1, counter, report);
    return child ? { not: child } : undefined;
  }
  if ("field" in node) {
    counter.comparisons++;
    if (counter.comparisons === LIMITS.comparisons + 1) {
      report(`a segment can have at most ${LIMITS.comparisons} comparisons`, path);
    }
    let failed = false;
    checkComparison(node, (message, key) => {
      failed = true;
      report(message, key ? [...path, key] : path);
    });
    if (failed) return undefined;
    const comparison = { field: node.field, op: node.op, value: node.value } as Comparison;
    if (comparison.field === "country") comparison.value = comparison.value.map((code) => code.toUpperCase());
    if (comparison.field === "tags") comparison.value = comparison.value.trim();
    return comparison;
  }
  report("a condition must be ‘all’, ‘any’, ‘not’ or a comparison of a field", path);
  return undefined;
}

const ConditionSchema = z.unknown().transform((raw, ctx) => {
  const counter = { comparisons: 0 };
  const node = checkNode(raw, [], 1, counter, (message, path) => ctx.addIssue({ code: "custom", message, path }));
  return node ?? z.NEVER;
});

const builtInIds = new Set<string>(BUILT_IN_SEGMENTS);

export const CustomSegmentSchema = z.strictObject({
  id: z
    .string({ error: "a segment needs an id" })
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
      error: "a segment id uses lower-case letters, digits, - and _ (up to 40), for example big_spenders",
    })
    .refine((id) => !builtInIds.has(id), { error: "this id belongs to a built-in segment; choose another" }),
  name: z
    .string({ error: "a segment needs a name" })
    .trim()
    .min(1, { error: "a segment needs a name" })
    .max(LIMITS.nameLength, { error: `a segment name can be at most ${LIMITS.nameLength} characters` }),
  condition: ConditionSchema,
});

export const SegmentDefinitionsSchema = z.strictObject({
  builtIn: z.strictObject({
    vipThreshold: z
      .number({ error: "the VIP threshold needs an amount, for example 500" })
      .min(0, { error: "the VIP threshold cannot be negative (0 switches VIP off)" }),
    lapsedAfterDays: z
      .number({ error: "‘lapsed after days’ needs a number of days, for example 90" })
      .int({ error: "‘lapsed after days’ needs a whole number of days" })
      .min(1, { error: "‘lapsed after days’ must be at least 1" })
      .max(3650, { error: "‘lapsed after days’ can be at most 3650 (ten years)" }),
    disabled: z
      .array(z.enum(BUILT_IN_SEGMENTS, { error: `built-in segments are: ${BUILT_IN_SEGMENTS.join(", ")}` }))
      .default([]),
  }),
  custom: z
    .array(CustomSegmentSchema)
    .max(LIMITS.segments, { error: `a shop can have at most ${LIMITS.segments} segments of its own` })
    .default([]),
});

export type ValidateSegmentsResult =
  { ok: true; definitions: SegmentDefinitions } | { ok: false; errors: ValidationError[] };

/**
 * Checks the shop's segment settings. Problems in a merchant segment read
 * "Segment 2 ‘Big spenders’: total spent needs a number, for example 250".
 */
export function validateSegments(json: unknown): ValidateSegmentsResult {
  const parsed = SegmentDefinitionsSchema.safeParse(json, { error: errorMap });
  const errors: ValidationError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((segment): segment is string | number => typeof segment !== "symbol");
      errors.push({ path, message: prefixed(json, path, issue.message) });
    }
    return { ok: false, errors };
  }
  const seen = new Map<string, number>();
  parsed.data.custom.forEach((segment, index) => {
    const first = seen.get(segment.id);
    if (first !== undefined) {
      errors.push({
        path: ["custom", index, "id"],
        message: prefixed(json, ["custom", index], `segment ${first + 1} already uses the id ‘${segment.id}’`),
      });
    } else {
      seen.set(segment.id, index);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, definitions: parsed.data as SegmentDefinitions };
}

function prefixed(json: unknown, path: (string | number)[], message: string) {
  if (path[0] === "custom" && typeof path[1] === "number") {
    const list = json && typeof json === "object" ? (json as Record<string, unknown>).custom : undefined;
    const name = Array.isArray(list) ? nameAt(list[path[1]]) : undefined;
    return `Segment ${path[1] + 1}${name ? ` ‘${name}’` : ""}: ${message}`;
  }
  if (path[0] === "builtIn") return `Built-in segments: ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Every segment id the shop can target (built-in that are on, then the merchant's). */
export function segmentIds(definitions: SegmentDefinitions): string[] {
  const disabled = new Set(definitions.builtIn.disabled);
  return [...BUILT_IN_SEGMENTS.filter((id) => !disabled.has(id)), ...definitions.custom.map((s) => s.id)];
}
