import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "../db.server";
import { HttpError, jsonResponse, withErrors } from "../http/errors.server";
import { keyRing } from "../privacy/keys.server";
import {
  knownSegmentIds,
  PreviewTargetSchema,
  previewRecommendations,
  searchCustomers,
  searchProducts,
  WeightsSchema,
} from "../recommend/admin.server";
import { validateRules } from "../recommend/rules/validate";
import { authenticate } from "../shopify.server";

/**
 * The Recommendations page's helpers: GET searches the synced customers (`?customers=`)
 * or products (`?products=`) for the pickers; POST runs the preview with the page's
 * unsaved rules and weights, validated exactly as a save would be.
 */

const SearchSchema = z.object({
  customers: z.string().max(200, { error: "Search with fewer words." }).optional(),
  products: z.string().max(200, { error: "Search with fewer words." }).optional(),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return withErrors(async () => {
    const query = SearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new HttpError("bad_request", query.error.issues[0].message);
    const { customers, products } = query.data;
    if (customers !== undefined) {
      return jsonResponse({ customers: await searchCustomers(db, keyRing, session.shop, customers) });
    }
    if (products !== undefined) return jsonResponse({ products: await searchProducts(db, session.shop, products) });
    throw new HttpError("bad_request", "Say what to search: customers or products.");
  });
};

const PREVIEW_BYTES = 200_000;

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return withErrors(async () => {
    const text = await request.text();
    if (text.length > PREVIEW_BYTES) throw new HttpError("payload_too_large", "The rules are too large to preview.");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError("bad_request", "The preview request was not valid JSON.");
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new HttpError("bad_request", "The preview request needs rules and weights.");
    }
    const input = body as Record<string, unknown>;
    const rules = validateRules(input.rules ?? [], { knownSegments: await knownSegmentIds(db, session.shop) });
    const weights = WeightsSchema.safeParse(input.weights);
    const target = PreviewTargetSchema.safeParse({
      customerId: input.customerId ?? null,
      productId: input.productId ?? null,
    });
    if (!rules.ok || !weights.success || !target.success) {
      const errors = [
        ...(rules.ok ? [] : rules.errors),
        ...(weights.success ? [] : weights.error.issues.map((i) => ({ path: ["weights"], message: i.message }))),
        ...(target.success ? [] : target.error.issues.map((i) => ({ path: ["target"], message: i.message }))),
      ];
      throw new HttpError("validation_failed", "Fix the rules before previewing them.", { errors });
    }
    const preview = await previewRecommendations(db, session.shop, {
      rules: rules.rules,
      weights: weights.data,
      target: target.data,
    });
    return jsonResponse(preview);
  });
};
