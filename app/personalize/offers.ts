import { z } from "zod";
import {
  greetingScope,
  renderSandboxed,
  validateGreetingTemplate,
  type GreetingContext,
  type GreetingError,
} from "./greetings";
import { merchantErrorMap, nameAt, type ValidationError } from "./validation-messages";

/**
 * Dynamic offers: a discount code attached to a segment, shown in the greeting or next to
 * recommendations. The code is either one the merchant already has or one created here
 * through Admin GraphQL (`discountCodeBasicCreate`) when the shop granted write_discounts.
 */

export const OFFER_PLACEMENTS = ["greeting", "recommendations"] as const;
export type OfferPlacement = (typeof OFFER_PLACEMENTS)[number];

const isoDate = (label: string) =>
  z
    .string({ error: `${label} must be a date and time` })
    .refine((value) => !Number.isNaN(Date.parse(value)), { error: `${label} is not a date we can read` });

export const OfferSchema = z
  .strictObject({
    id: z.string({ error: "an offer needs an id" }).trim().min(1, { error: "an offer needs an id" }).max(64),
    name: z
      .string({ error: "an offer needs a name" })
      .trim()
      .min(1, { error: "an offer needs a name" })
      .max(80, { error: "an offer name can be at most 80 characters" }),
    segment: z.string({ error: "an offer needs a segment" }).trim().min(1, { error: "an offer needs a segment" }),
    code: z
      .string({ error: "an offer needs a discount code" })
      .trim()
      .min(1, { error: "an offer needs a discount code" })
      .max(255, { error: "a discount code can be at most 255 characters" })
      .regex(/^[A-Za-z0-9_-]+$/, { error: "a discount code may only contain letters, digits, - and _" }),
    message: z
      .string({ error: "an offer needs a message" })
      .trim()
      .min(1, { error: "an offer needs a message, for example: Use {{ offer.code }} for 10% off" }),
    placement: z.enum(OFFER_PLACEMENTS, { error: "an offer is shown in the greeting or with recommendations" }),
    startsAt: isoDate("the start").nullable().optional(),
    endsAt: isoDate("the end").nullable().optional(),
    priority: z
      .number({ error: "the priority must be a number" })
      .int({ error: "the priority must be a whole number" })
      .default(0),
    enabled: z.boolean({ error: "‘enabled’ must be true or false" }).default(true),
  })
  .superRefine((offer, ctx) => {
    if (offer.startsAt && offer.endsAt && Date.parse(offer.endsAt) <= Date.parse(offer.startsAt)) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "the offer ends before it starts" });
    }
    const check = validateGreetingTemplate(offer.message);
    if (!check.ok) {
      for (const problem of check.errors) {
        ctx.addIssue({ code: "custom", path: ["message"], message: `the message: ${lowerFirst(problem.message)}` });
      }
    }
  });

export type Offer = z.infer<typeof OfferSchema>;
export type OfferInput = z.input<typeof OfferSchema>;

const errorMap = merchantErrorMap({
  id: "the id",
  name: "the name",
  segment: "the segment",
  code: "the discount code",
  message: "the message",
  placement: "where it shows",
  startsAt: "the start",
  endsAt: "the end",
  priority: "the priority",
  enabled: "‘enabled’",
});

export type ValidateOffersResult = { ok: true; offers: Offer[] } | { ok: false; errors: ValidationError[] };

/** Checks the shop's offers; messages read "Offer 2 ‘Welcome’: the offer ends before it starts". */
export function validateOffers(
  json: unknown,
  options: { knownSegments?: readonly string[] } = {},
): ValidateOffersResult {
  const parsed = z
    .array(OfferSchema, { error: "the offers must be a list" })
    .max(50)
    .safeParse(json, { error: errorMap });
  const prefix = (index: number) => {
    const name = Array.isArray(json) ? nameAt(json[index]) : undefined;
    return `Offer ${index + 1}${name ? ` ‘${name}’` : ""}: `;
  };
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const path = issue.path.filter((segment): segment is string | number => typeof segment !== "symbol");
        const message = typeof path[0] === "number" ? prefix(path[0]) + issue.message : upperFirst(issue.message);
        return { path, message };
      }),
    };
  }
  const errors: ValidationError[] = [];
  const ids = new Set<string>();
  parsed.data.forEach((offer, index) => {
    if (ids.has(offer.id))
      errors.push({ path: [index, "id"], message: `${prefix(index)}another offer has the same id` });
    ids.add(offer.id);
    if (options.knownSegments && !options.knownSegments.includes(offer.segment)) {
      errors.push({ path: [index, "segment"], message: `${prefix(index)}there is no segment ‘${offer.segment}’` });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, offers: parsed.data };
}

/** Whether an offer runs at `now`: enabled, started, not yet ended (end exclusive). */
export function isOfferActive(offer: Offer, now: Date): boolean {
  if (!offer.enabled) return false;
  if (offer.startsAt && Date.parse(offer.startsAt) > now.getTime()) return false;
  if (offer.endsAt && Date.parse(offer.endsAt) <= now.getTime()) return false;
  return true;
}

/**
 * The offer to show a shopper in a placement: among active offers for any of their
 * segments, the highest priority; on a tie, the one listed first.
 */
export function chooseOffer(
  offers: readonly Offer[],
  shopper: { segments: readonly string[] },
  now: Date,
  placement?: OfferPlacement,
): Offer | undefined {
  let best: Offer | undefined;
  for (const offer of offers) {
    if (placement && offer.placement !== placement) continue;
    if (!shopper.segments.includes(offer.segment) || !isOfferActive(offer, now)) continue;
    if (!best || offer.priority > best.priority) best = offer;
  }
  return best;
}

/**
 * The offer's message for this shopper, rendered in the greeting sandbox with
 * `offer.code` and the greeting variables. A broken message falls back to a plain
 * "Use code X at checkout." so an offer never disappears because of a typo.
 */
export function offerText(
  offer: Pick<Offer, "code" | "message" | "segment">,
  context: Omit<GreetingContext, "offer">,
): { text: string; html: string; errors: GreetingError[] } {
  const errors: GreetingError[] = [];
  try {
    const scope = greetingScope({ ...context, offer: { code: offer.code, message: "" } }, errors);
    return { ...renderSandboxed(offer.message, { ...scope, segment: offer.segment }), errors };
  } catch (error) {
    errors.push({ templateId: null, message: error instanceof Error ? error.message : String(error) });
    const text = `Use code ${offer.code} at checkout.`;
    return { text, html: text, errors };
  }
}

// ---------------------------------------------------------------------------------------
// Creating a discount code through Admin GraphQL.

export const DISCOUNT_SCOPE = "write_discounts";

/** Whether the shop's granted scopes (a list or Shopify's comma-separated string) allow creating codes. */
export function canCreateDiscounts(scopes: string | readonly string[]): boolean {
  const list = typeof scopes === "string" ? scopes.split(",") : scopes;
  return list.some((scope) => scope.trim() === DISCOUNT_SCOPE);
}

export const DISCOUNT_CODE_BASIC_CREATE = `#graphql
  mutation DiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeBasic {
            title
            status
            startsAt
            endsAt
            codes(first: 1) {
              nodes {
                code
              }
            }
          }
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

export const NewDiscountSchema = z
  .strictObject({
    title: z
      .string({ error: "a discount needs a title" })
      .trim()
      .min(1, { error: "a discount needs a title" })
      .max(255),
    code: OfferSchema.shape.code,
    kind: z.enum(["percentage", "fixedAmount"], { error: "a discount is a percentage or a fixed amount off" }),
    /** Percent (1–100) for "percentage", an amount in the shop's currency for "fixedAmount". */
    value: z
      .number({ error: "a discount needs a value, for example 10" })
      .positive({ error: "a discount must be more than 0" }),
    startsAt: z.union([z.date(), isoDate("the start")], { error: "a discount needs a start date" }),
    endsAt: z
      .union([z.date(), isoDate("the end")])
      .nullable()
      .optional(),
    appliesOncePerCustomer: z.boolean().default(true),
    usageLimit: z.number().int().positive().nullable().optional(),
    minimumSubtotal: z.number().positive().optional(),
    combinesWith: z
      .strictObject({
        orderDiscounts: z.boolean().default(false),
        productDiscounts: z.boolean().default(false),
        shippingDiscounts: z.boolean().default(false),
      })
      .default({ orderDiscounts: false, productDiscounts: false, shippingDiscounts: false }),
  })
  .superRefine((discount, ctx) => {
    if (discount.kind === "percentage" && discount.value > 100) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "a percentage discount can be at most 100" });
    }
    if (discount.endsAt && new Date(discount.endsAt).getTime() <= new Date(discount.startsAt).getTime()) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "the discount ends before it starts" });
    }
  });

export type NewDiscount = z.input<typeof NewDiscountSchema>;

/** Shopify's `Decimal` scalar is a string; money keeps two decimals. */
const money = (amount: number) => amount.toFixed(2);
const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * Variables for `DISCOUNT_CODE_BASIC_CREATE`: an amount-off code for all buyers on all
 * items. Throws a ZodError on bad input; the admin validates with NewDiscountSchema first.
 */
export function discountCodeBasicCreateVariables(input: NewDiscount) {
  const discount = NewDiscountSchema.parse(input);
  const value =
    discount.kind === "percentage"
      ? { percentage: Math.round(discount.value * 100) / 10_000 }
      : { discountAmount: { amount: money(discount.value), appliesOnEachItem: false } };
  return {
    basicCodeDiscount: {
      title: discount.title,
      code: discount.code,
      startsAt: iso(discount.startsAt),
      endsAt: discount.endsAt ? iso(discount.endsAt) : null,
      context: { all: "ALL" as const },
      customerGets: { value, items: { all: true } },
      appliesOncePerCustomer: discount.appliesOncePerCustomer,
      usageLimit: discount.usageLimit ?? null,
      combinesWith: discount.combinesWith,
      ...(discount.minimumSubtotal !== undefined && {
        minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: money(discount.minimumSubtotal) } },
      }),
    },
  };
}

/** Anything with graphql-request's `request(document, variables)` (the app's Admin client). */
export interface GraphQLRequester {
  request(document: string, variables: Record<string, unknown>): Promise<unknown>;
}

const CreateResponse = z.object({
  discountCodeBasicCreate: z.object({
    codeDiscountNode: z.object({ id: z.string() }).nullable(),
    userErrors: z.array(
      z.object({
        field: z.array(z.string()).nullable().optional(),
        code: z.string().nullable().optional(),
        message: z.string(),
      }),
    ),
  }),
});

export type CreateDiscountResult =
  { ok: true; discountId: string; code: string } | { ok: false; errors: { field: string | null; message: string }[] };

/**
 * Creates the discount code in the shop. Shopify's user errors (a taken code, a bad
 * date) come back as `ok: false` with its messages; network and GraphQL errors throw.
 */
export async function createDiscountCode(client: GraphQLRequester, input: NewDiscount): Promise<CreateDiscountResult> {
  const variables = discountCodeBasicCreateVariables(input);
  const response = CreateResponse.parse(await client.request(DISCOUNT_CODE_BASIC_CREATE, variables));
  const { codeDiscountNode, userErrors } = response.discountCodeBasicCreate;
  if (userErrors.length > 0 || !codeDiscountNode) {
    return {
      ok: false,
      errors: userErrors.length
        ? userErrors.map((error) => ({ field: error.field?.join(".") ?? null, message: error.message }))
        : [{ field: null, message: "Shopify did not create the discount" }],
    };
  }
  return { ok: true, discountId: codeDiscountNode.id, code: variables.basicCodeDiscount.code };
}

function lowerFirst(text: string) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function upperFirst(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
