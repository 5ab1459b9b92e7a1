import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "../db.server";
import { previewGreeting } from "../personalize/greeting.server";
import { validateGreetingTemplate, type GreetingTemplate } from "../personalize/greetings";
import { keyRing } from "../privacy/keys.server";
import { PAGE_TYPES } from "../recommend/rules/types";
import { greetingTemplates } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { authenticate } from "../shopify.server";

const DRAFT_ID = "__draft__";

const query = z.object({
  id: z.string().max(64).optional(),
  source: z.string().max(5000),
  segment: z.string().max(64).default(""),
  pageType: z.union([z.literal(""), z.enum(PAGE_TYPES)]).default(""),
  enabled: z.enum(["true", "false"]).default("true"),
  customer: z
    .string()
    .regex(/^\d{0,20}$/, { error: "Choose a customer from the list" })
    .default(""),
  page: z.enum(PAGE_TYPES, { error: "Choose a page type from the list" }).default("home"),
});

/**
 * GET /app/greeting-preview: the greeting a sample shopper would see with the merchant's
 * unsaved edit in place, and the edit's validation, for the greetings page as they type.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return data({ error: parsed.error.issues[0]?.message ?? "The preview needs a greeting" }, 400);
  }
  const input = parsed.data;
  const saved = await readSetting(db, session.shop, greetingTemplates);
  const validation = validateGreetingTemplate(input.source);
  const draft: GreetingTemplate = {
    id: input.id || DRAFT_ID,
    segment: input.segment || null,
    pageType: input.pageType || null,
    source: input.source,
    enabled: input.enabled === "true",
  };
  // The edit replaces its saved version; a broken edit is left out (the storefront would never get it).
  const others = saved.filter((template) => template.id !== draft.id);
  const templates = validation.ok ? [...others, draft] : others;
  const greeting = await previewGreeting(db, keyRing, session.shop, {
    templates,
    customerId: input.customer || null,
    pageType: input.page,
    now: new Date(),
  });
  return {
    text: greeting.text,
    segments: greeting.segments,
    offer: greeting.offer,
    productTitle: greeting.productTitle,
    fromDraft: greeting.templateId === draft.id,
    validation,
  };
};
