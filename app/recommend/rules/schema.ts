import { z } from "zod";
import { PAGE_TYPES } from "./types";

/**
 * The merchant rule list as stored and as the admin edits it. Messages are written to
 * follow "Rule 2 ‘Summer’: …" (see validate.ts), so they start in lower case and say
 * what to do, not which zod check failed.
 */

export const LIMITS = {
  rules: 100,
  actionsPerRule: 20,
  listEntries: 500,
  nameLength: 80,
  factor: 100,
  pinPosition: 50,
  pinsPerAction: 20,
  perVendor: 50,
} as const;

const entryList = (label: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1, { error: `${label} cannot contain an empty entry` }),
      {
        error: (issue) => (issue.input === undefined ? undefined : `${label} must be a list`),
      },
    )
    .min(1, { error: `${label}: choose at least one, or remove the setting` })
    .max(LIMITS.listEntries, { error: `${label} can have at most ${LIMITS.listEntries} entries` });

const productFacts = {
  productIds: entryList("products").optional(),
  tags: entryList("tags").optional(),
  vendors: entryList("vendors").optional(),
  productTypes: entryList("product types").optional(),
  collections: entryList("collections").optional(),
};

const price = z.number({ error: "a price must be a number, for example 25 or 19.99" }).min(0, {
  error: "a price cannot be negative",
});

export const PriceRangeSchema = z
  .strictObject({ min: price.optional(), max: price.optional() })
  .superRefine((range, ctx) => {
    if (range.min === undefined && range.max === undefined) {
      ctx.addIssue({ code: "custom", message: "a price range needs a minimum or a maximum" });
    } else if (range.min !== undefined && range.max !== undefined && range.min > range.max) {
      ctx.addIssue({
        code: "custom",
        message: `a price range's minimum (${range.min}) is above its maximum (${range.max})`,
      });
    }
  });

const hasAny = (value: Record<string, unknown>) => Object.values(value).some((entry) => entry !== undefined);

/** Which products an action touches: fields combine with AND, entries within a field with OR. */
const productMatch = (action: string) =>
  z.strictObject({ ...productFacts, price: PriceRangeSchema.optional() }).refine(hasAny, {
    error: `${action} needs to say which products: products, tags, vendors, product types, collections or a price range`,
  });

const factor = (action: "boost" | "bury", example: string) =>
  z
    .number({ error: `a ${action} needs a factor, a number such as 2 (${example})` })
    .gt(1, { error: `a ${action} needs a factor above 1 (${example})` })
    .max(LIMITS.factor, { error: `a ${action} factor can be at most ${LIMITS.factor}` });

const BoostSchema = z.strictObject({
  type: z.literal("boost"),
  match: productMatch("a boost"),
  factor: factor("boost", "2 doubles the score"),
});

const BurySchema = z.strictObject({
  type: z.literal("bury"),
  match: productMatch("a bury"),
  factor: factor("bury", "2 halves the score"),
});

const PinSchema = z.strictObject({
  type: z.literal("pin"),
  pins: z
    .array(
      z.strictObject({
        productId: z.string({ error: "a pin needs a product" }).trim().min(1, { error: "a pin needs a product" }),
        position: z
          .number({ error: "a pin needs a position, a whole number from 1" })
          .int({ error: "a pin position must be a whole number" })
          .min(1, { error: "pin positions start at 1 (the first slot)" })
          .max(LIMITS.pinPosition, { error: `a pin position can be at most ${LIMITS.pinPosition}` }),
      }),
      { error: "a pin needs a list of products and positions" },
    )
    .min(1, { error: "a pin needs at least one product and position" })
    .max(LIMITS.pinsPerAction, { error: `one pin action can place at most ${LIMITS.pinsPerAction} products` })
    .superRefine((pins, ctx) => {
      const positions = new Set<number>();
      const products = new Set<string>();
      pins.forEach((pin, index) => {
        if (positions.has(pin.position)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "position"],
            message: `two products are pinned to position ${pin.position}`,
          });
        }
        if (products.has(pin.productId)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "productId"],
            message: `product ${pin.productId} is pinned twice`,
          });
        }
        positions.add(pin.position);
        products.add(pin.productId);
      });
    }),
});

const ExcludeSchema = z.strictObject({ type: z.literal("exclude"), match: productMatch("an exclude") });

const InStockOnlySchema = z.strictObject({ type: z.literal("inStockOnly") });

const MaxPerVendorSchema = z.strictObject({
  type: z.literal("maxPerVendor"),
  max: z
    .number({ error: "‘at most N per vendor’ needs N, a whole number from 1" })
    .int({ error: "‘at most N per vendor’ needs a whole number" })
    .min(1, { error: "‘at most N per vendor’ needs N of at least 1 (to hide a vendor, use an exclude)" })
    .max(LIMITS.perVendor, { error: `‘at most N per vendor’ can be at most ${LIMITS.perVendor}` }),
});

export const ACTION_TYPES = ["boost", "bury", "pin", "exclude", "inStockOnly", "maxPerVendor"] as const;

export const ActionSchema = z.discriminatedUnion(
  "type",
  [BoostSchema, BurySchema, PinSchema, ExcludeSchema, InStockOnlySchema, MaxPerVendorSchema],
  { error: `an action's type must be one of: ${ACTION_TYPES.join(", ")}` },
);

export const ConditionsSchema = z.strictObject({
  segments: entryList("segments").optional(),
  pageTypes: z
    .array(z.enum(PAGE_TYPES, { error: `page types must be among: ${PAGE_TYPES.join(", ")}` }), {
      error: "page types must be a list",
    })
    .min(1, { error: "page types: choose at least one, or remove the setting" })
    .optional(),
  productContext: z
    .strictObject(productFacts)
    .refine(hasAny, {
      error: "‘product on the page’ needs products, tags, vendors, product types or collections",
    })
    .optional(),
  cartContains: z
    .strictObject({
      productIds: productFacts.productIds,
      tags: productFacts.tags,
      vendors: productFacts.vendors,
      productTypes: productFacts.productTypes,
      minItems: z
        .number({ error: "‘cart has at least N items’ needs a whole number" })
        .int({ error: "‘cart has at least N items’ needs a whole number" })
        .min(1, { error: "‘cart has at least N items’ needs N of at least 1" })
        .optional(),
    })
    .refine(hasAny, { error: "‘cart contains’ needs products, tags, vendors, product types or a number of items" })
    .optional(),
});

export const RuleSchema = z.strictObject({
  id: z.string().trim().min(1).max(64).optional(),
  name: z
    .string({ error: "a rule needs a name" })
    .trim()
    .min(1, { error: "a rule needs a name" })
    .max(LIMITS.nameLength, { error: `a rule name can be at most ${LIMITS.nameLength} characters` }),
  enabled: z.boolean({ error: "‘enabled’ must be true or false" }).default(true),
  conditions: ConditionsSchema.default({}),
  actions: z
    .array(ActionSchema, { error: "a rule needs a list of actions" })
    .min(1, { error: "a rule needs at least one action" })
    .max(LIMITS.actionsPerRule, { error: `a rule can have at most ${LIMITS.actionsPerRule} actions` }),
});

export const RuleListSchema = z
  .array(RuleSchema, { error: "the rules must be a list" })
  .max(LIMITS.rules, { error: `a shop can have at most ${LIMITS.rules} rules` });

export type Rule = z.infer<typeof RuleSchema>;
export type RuleAction = z.infer<typeof ActionSchema>;
export type RuleConditions = Rule["conditions"];
export type ProductMatch = Extract<RuleAction, { type: "exclude" }>["match"];
export type PriceRange = z.infer<typeof PriceRangeSchema>;
/** Input form (before defaults): what the admin may send. */
export type RuleInput = z.input<typeof RuleSchema>;
