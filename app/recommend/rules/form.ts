import type { Rule, RuleAction, RuleInput } from "./schema";
import type { PageType } from "./types";

/**
 * The rule editor's form state and its conversion to and from rules. Lists are kept as
 * the text the merchant types ("summer, linen") and numbers as typed, so a half-typed
 * value is never rewritten under the cursor; `toRules` turns the form into the rule list
 * the validator checks (a number that does not parse is passed on as text, so the
 * validator names it) and `fromRules` does the reverse.
 */

export interface MatchForm {
  productIds: string;
  tags: string;
  vendors: string;
  productTypes: string;
  collections: string;
  priceMin: string;
  priceMax: string;
}

export interface PinForm {
  key: string;
  productId: string;
  title: string;
  position: string;
}

export type ActionType = RuleAction["type"];

export interface ActionForm {
  key: string;
  type: ActionType;
  match: MatchForm;
  factor: string;
  pins: PinForm[];
  max: string;
}

export interface RuleForm {
  key: string;
  id?: string;
  name: string;
  enabled: boolean;
  segments: string[];
  pageTypes: PageType[];
  productContext: Omit<MatchForm, "priceMin" | "priceMax">;
  cart: { productIds: string; tags: string; vendors: string; productTypes: string; minItems: string };
  actions: ActionForm[];
}

let counter = 0;
export const newKey = () => `k${Date.now().toString(36)}${(counter++).toString(36)}`;

const emptyMatch = (): MatchForm => ({
  productIds: "",
  tags: "",
  vendors: "",
  productTypes: "",
  collections: "",
  priceMin: "",
  priceMax: "",
});

export function emptyAction(type: ActionType): ActionForm {
  return {
    key: newKey(),
    type,
    match: emptyMatch(),
    factor: "2",
    pins: [{ key: newKey(), productId: "", title: "", position: "1" }],
    max: "1",
  };
}

export function emptyRule(name = ""): RuleForm {
  return {
    key: newKey(),
    name,
    enabled: true,
    segments: [],
    pageTypes: [],
    productContext: { productIds: "", tags: "", vendors: "", productTypes: "", collections: "" },
    cart: { productIds: "", tags: "", vendors: "", productTypes: "", minItems: "" },
    actions: [emptyAction("exclude")],
  };
}

const list = (text: string): string[] | undefined => {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length ? entries : undefined;
};
const joined = (entries: readonly string[] | undefined) => (entries ?? []).join(", ");

/** "" is absent; a number is a number; anything else stays text for the validator to name. */
const num = (text: string): number | string | undefined => {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
};
const shown = (value: number | undefined) => (value === undefined ? "" : String(value));

function compact<T extends Record<string, unknown>>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

function matchOf(form: MatchForm) {
  const price = compact({ min: num(form.priceMin), max: num(form.priceMax) });
  return {
    ...compact({
      productIds: list(form.productIds),
      tags: list(form.tags),
      vendors: list(form.vendors),
      productTypes: list(form.productTypes),
      collections: list(form.collections),
    }),
    ...(price ? { price } : {}),
  };
}

function actionOf(form: ActionForm): unknown {
  switch (form.type) {
    case "boost":
    case "bury":
      return { type: form.type, match: matchOf(form.match), factor: num(form.factor) };
    case "exclude":
      return { type: "exclude", match: matchOf(form.match) };
    case "pin":
      return {
        type: "pin",
        pins: form.pins.map((pin) => ({ productId: pin.productId, position: num(pin.position) })),
      };
    case "inStockOnly":
      return { type: "inStockOnly" };
    case "maxPerVendor":
      return { type: "maxPerVendor", max: num(form.max) };
  }
}

/** The form as the rule list the validator and the server take (not yet validated). */
export function toRules(forms: readonly RuleForm[]): RuleInput[] {
  return forms.map((form) => {
    const conditions = compact({
      segments: form.segments.length ? form.segments : undefined,
      pageTypes: form.pageTypes.length ? form.pageTypes : undefined,
      productContext: compact({
        productIds: list(form.productContext.productIds),
        tags: list(form.productContext.tags),
        vendors: list(form.productContext.vendors),
        productTypes: list(form.productContext.productTypes),
        collections: list(form.productContext.collections),
      }),
      cartContains: compact({
        productIds: list(form.cart.productIds),
        tags: list(form.cart.tags),
        vendors: list(form.cart.vendors),
        productTypes: list(form.cart.productTypes),
        minItems: num(form.cart.minItems),
      }),
    });
    return {
      ...(form.id ? { id: form.id } : {}),
      name: form.name,
      enabled: form.enabled,
      conditions: conditions ?? {},
      actions: form.actions.map(actionOf),
    } as RuleInput;
  });
}

function matchForm(match: Partial<Extract<RuleAction, { type: "exclude" }>["match"]> | undefined): MatchForm {
  return {
    productIds: joined(match?.productIds),
    tags: joined(match?.tags),
    vendors: joined(match?.vendors),
    productTypes: joined(match?.productTypes),
    collections: joined(match?.collections),
    priceMin: shown(match?.price?.min),
    priceMax: shown(match?.price?.max),
  };
}

/** Saved rules as the form edits them; `titles` names pinned products for the picker. */
export function fromRules(rules: readonly Rule[], titles: ReadonlyMap<string, string> = new Map()): RuleForm[] {
  return rules.map((rule) => ({
    key: newKey(),
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    segments: [...(rule.conditions.segments ?? [])],
    pageTypes: [...(rule.conditions.pageTypes ?? [])],
    productContext: {
      productIds: joined(rule.conditions.productContext?.productIds),
      tags: joined(rule.conditions.productContext?.tags),
      vendors: joined(rule.conditions.productContext?.vendors),
      productTypes: joined(rule.conditions.productContext?.productTypes),
      collections: joined(rule.conditions.productContext?.collections),
    },
    cart: {
      productIds: joined(rule.conditions.cartContains?.productIds),
      tags: joined(rule.conditions.cartContains?.tags),
      vendors: joined(rule.conditions.cartContains?.vendors),
      productTypes: joined(rule.conditions.cartContains?.productTypes),
      minItems: shown(rule.conditions.cartContains?.minItems),
    },
    actions: rule.actions.map((action) => ({
      ...emptyAction(action.type),
      match: "match" in action ? matchForm(action.match) : matchForm(undefined),
      factor: "factor" in action ? String(action.factor) : "2",
      pins:
        action.type === "pin"
          ? action.pins.map((pin) => ({
              key: newKey(),
              productId: pin.productId,
              title: titles.get(pin.productId) ?? pin.productId,
              position: String(pin.position),
            }))
          : [{ key: newKey(), productId: "", title: "", position: "1" }],
      max: action.type === "maxPerVendor" ? String(action.max) : "1",
    })),
  }));
}
