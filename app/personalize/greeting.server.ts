import { randomBytes } from "node:crypto";
import type { Db } from "../db.server";
import { decryptNullable, type KeyRing } from "../privacy/crypto.server";
import { greetingBanditKey, type BanditState, type Random } from "../experiments/bandit";
import {
  banditContext,
  banditStateFor,
  chooseBanditArm,
  latestPull,
  queueBanditPull,
} from "../experiments/bandit.server";
import { exposeVisitor, listExperiments, runningExperiment, type StoredExperiment } from "../experiments/store.server";
import { shopperFor } from "../recommend/service.server";
import type { PageType } from "../recommend/rules/types";
import { greetingTemplates, segmentDefinitions, segmentOffers } from "../settings/definitions.server";
import { readSetting, settingsVersion, writeSetting } from "../settings/store.server";
import {
  greetingScope,
  greetingSlotKey,
  mentionsOffer,
  renderGreeting,
  renderSandboxed,
  validateGreetingTemplate,
  type GreetingTemplate,
  type TemplateProblem,
} from "./greetings";
import { chooseOffer, offerText, validateOffers, type Offer } from "./offers";
import {
  BUILT_IN_SEGMENT_NAMES,
  BUILT_IN_SEGMENTS,
  segmentsFor,
  type SegmentDefinitions,
  type Shopper,
} from "./segments";

/**
 * The greeting a shopper sees when the chat opens: the merchant's template for the
 * shopper's segment and page type, with the segment's offer, rendered as text. Where a
 * slot (segment and page type) has several enabled templates, a running greeting
 * experiment that includes the visitor picks one by its split; otherwise the greeting
 * bandit does, learning which variant leads to conversations, add-to-carts and orders
 * (docs/decisions/0036-greeting-bandit.md).
 */

interface ShopGreetingSettings {
  version: number;
  templates: GreetingTemplate[];
  definitions: SegmentDefinitions;
  offers: Offer[];
  experiments: StoredExperiment[];
  /** Some slot has several enabled templates: variants for the bandit to choose between. */
  hasVariants: boolean;
}

/** A visitor keeps the variant they were shown for this long: one visit, one trial. */
export const GREETING_VISIT_MS = 12 * 60 * 60 * 1000;

function hasVariants(templates: readonly GreetingTemplate[]) {
  const slots = new Set<string>();
  for (const template of templates) {
    if (template.enabled === false) continue;
    const slot = greetingSlotKey(template);
    if (slots.has(slot)) return true;
    slots.add(slot);
  }
  return false;
}

// The documents change rarely and every chat opening reads them: keep them per shop
// until the settings' version (their latest save) moves.
const cache = new Map<string, ShopGreetingSettings>();

async function settingsFor(db: Db, shop: string, currency: string): Promise<ShopGreetingSettings> {
  const version = await settingsVersion(db, shop);
  const cached = cache.get(shop);
  if (cached && cached.version === version) return cached;
  const [templates, definitions, rawOffers, experiments] = await Promise.all([
    readSetting(db, shop, greetingTemplates, { currency }),
    readSetting(db, shop, segmentDefinitions, { currency }),
    readSetting(db, shop, segmentOffers, { currency }),
    listExperiments(db, shop),
  ]);
  const offers = validateOffers(rawOffers);
  const entry = {
    version,
    templates,
    definitions,
    offers: offers.ok ? offers.offers : [],
    experiments,
    hasVariants: hasVariants(templates),
  };
  cache.set(shop, entry);
  if (cache.size > 500) cache.delete(cache.keys().next().value!);
  return entry;
}

export interface GreetingRequest {
  keyRing: KeyRing;
  shop: { domain: string; name: string | null; currency: string; timezone: string };
  visitorId: string;
  /** Shopify's numeric customer id, as the app proxy signed it. */
  customerId: string | null;
  /** The shopper chose "Don't use my data": no customer data, no experiment. */
  trackingOff: boolean;
  pageType: PageType;
  productId: string | null;
  now: Date;
  /** Whether to record the experiment exposure and bandit pull (the admin's preview does not). */
  record?: boolean;
  /** The bandit's source of randomness; seeded in tests and simulations. */
  random?: Random;
}

export interface SessionGreeting {
  /** Plain text for the widget's textContent; null for the widget's own translated greeting. */
  text: string | null;
  segments: string[];
  segment: string | null;
  templateId: string | null;
  offer: { code: string } | null;
  experiment: { id: string; variantId: string } | null;
  /** The greeting bandit chose this variant (a template id) in this context. */
  bandit: { context: string; arm: string } | null;
}

/** Earlier chats of this visitor: the "returning visitor" signal that needs no tracking. */
async function visitsOf(db: Db, shop: string, visitorId: string, now: Date) {
  return db.conversation.count({ where: { shop, visitorId, createdAt: { lt: new Date(now.getTime() - 60_000) } } });
}

export async function sessionGreeting(db: Db, request: GreetingRequest): Promise<SessionGreeting | null> {
  const { shop, now } = request;
  const settings = await settingsFor(db, shop.domain, shop.currency);
  const running = request.trackingOff ? null : runningExperiment(settings.experiments, "greeting");
  if (settings.templates.length === 0 && !running) return null;

  const useCustomer = request.customerId !== null && !request.trackingOff;
  // The bandit remembers which variant this visitor saw, so only with their consent.
  const learn = settings.hasVariants && !request.trackingOff && request.record !== false;
  const [shopper, productTitle, sealedName, bandit] = await Promise.all([
    visitsOf(db, shop.domain, request.visitorId, now).then((visits) =>
      shopperFor(db, shop.domain, {
        customerId: request.customerId,
        personalization: !request.trackingOff,
        visits,
      }),
    ),
    productTitleOf(db, shop.domain, request.pageType, request.productId),
    useCustomer ? firstNameOf(db, shop.domain, request.customerId!) : null,
    learn
      ? Promise.all([
          banditStateFor(db, shop.domain, now.getTime()),
          latestPull(db, shop.domain, request.visitorId, "greeting"),
        ])
      : null,
  ]);
  const chooser = bandit ? greetingChooser(bandit[0], bandit[1], now, request.random) : null;
  const result = greetingForShopper(settings, shopper, {
    shop,
    pageType: request.pageType,
    productTitle,
    firstName: shopper.customer ? decryptNullable(request.keyRing, sealedName) : null,
    now,
    chooseVariant: chooser?.choose,
  });

  const variant =
    running && request.record !== false
      ? await exposeVisitor(db, shop.domain, running, request.visitorId, result.segments, now)
      : null;
  if (variant) {
    // The experiment decides for the visitors it includes; the bandit neither chooses nor learns.
    try {
      const { text } = renderSandboxed(variant.payload, result.scope);
      const offerLine = result.offerMessage && !mentionsOffer(variant.payload) ? ` ${result.offerMessage}` : "";
      return {
        ...result.view,
        text: text + offerLine,
        templateId: null,
        experiment: { id: running!.id, variantId: variant.id },
      };
    } catch (error) {
      // A variant passed validation when saved; if it still fails, the visitor sees the template greeting.
      console.warn(`greeting experiment ${running!.id} variant ${variant.id} failed to render`, error);
    }
    return settings.templates.length ? result.view : null;
  }
  if (!settings.templates.length) return null;
  const pick = chooser?.picked();
  // Counted only when the chosen variant is what the shopper sees (not a fallback after
  // it failed to render), and once per visit.
  if (!pick || pick.arm !== result.view.templateId) return result.view;
  const { context, arm } = pick;
  if (!pick.repeat) queueBanditPull(db, shop.domain, request.visitorId, { kind: "greeting", context, arm }, now);
  return { ...result.view, bandit: { context, arm } };
}

/**
 * Chooses among a slot's variants with the bandit: a visitor who saw one of them in this
 * context during this visit sees it again (no new pull); otherwise a Thompson draw.
 */
function greetingChooser(
  state: BanditState,
  last: { context: string; arm: string; pulledAt: Date } | null,
  now: Date,
  random?: Random,
) {
  let picked: { context: string; arm: string; repeat: boolean } | null = null;
  return {
    choose(candidates: readonly GreetingTemplate[], segments: readonly string[]) {
      const context = greetingBanditKey(
        candidates[0].segment ?? banditContext(segments),
        greetingSlotKey(candidates[0]),
      );
      const arms = candidates.map((template) => template.id);
      const repeat =
        last !== null &&
        last.context === context &&
        arms.includes(last.arm) &&
        now.getTime() - last.pulledAt.getTime() < GREETING_VISIT_MS;
      picked = { context, arm: repeat ? last!.arm : chooseBanditArm(state, context, arms, random), repeat };
      return picked.arm;
    },
    picked: () => picked,
  };
}

/** The greeting for a shopper from the shop's settings (no database): also the admin's preview. */
export function greetingForShopper(
  settings: Pick<ShopGreetingSettings, "templates" | "definitions" | "offers">,
  shopper: Shopper,
  input: {
    shop: GreetingRequest["shop"];
    pageType: PageType;
    productTitle: string | null;
    firstName: string | null;
    now: Date;
    /** Picks one of a slot's several enabled templates (by id); the first otherwise. */
    chooseVariant?: (candidates: readonly GreetingTemplate[], segments: readonly string[]) => string;
  },
) {
  const segments = segmentsFor(shopper, settings.definitions, input.now);
  const base = {
    shopName: input.shop.name ?? input.shop.domain,
    timezone: input.shop.timezone,
    now: input.now,
    segments,
    pageType: input.pageType,
    customerFirstName: input.firstName,
    productTitle: input.productTitle,
    cartItemCount: 0,
  };
  const offer = chooseOffer(settings.offers, { segments }, input.now, "greeting");
  const offerMessage = offer ? offerText(offer, base).text : null;
  const context = { ...base, offer: offer && offerMessage ? { code: offer.code, message: offerMessage } : null };
  const { chooseVariant } = input;
  const rendered = renderGreeting({
    templates: settings.templates,
    context,
    chooseVariant: chooseVariant && ((candidates) => chooseVariant(candidates, segments)),
  });
  const scope = greetingScope(context);
  // A greeting that does not mention the offer gets the offer's line after it.
  const text =
    rendered.source === "default"
      ? null
      : offerMessage && !rendered.offerInText
        ? `${rendered.text} ${offerMessage}`
        : rendered.text;
  return {
    segments,
    scope,
    offerMessage,
    errors: rendered.errors,
    view: {
      text,
      segments,
      segment: rendered.segment ?? segments[0] ?? null,
      templateId: rendered.templateId,
      offer: offer ? { code: offer.code } : null,
      experiment: null,
      bandit: null,
    } satisfies SessionGreeting,
  };
}

async function productTitleOf(db: Db, shop: string, pageType: PageType, productId: string | null) {
  if (pageType !== "product" || !productId) return null;
  const product = await db.product.findFirst({
    where: { shop, id: productId, deletedAt: null },
    select: { title: true },
  });
  return product?.title ?? null;
}

async function firstNameOf(db: Db, shop: string, customerId: string) {
  const customer = await db.customer.findFirst({
    where: { shop, id: `gid://shopify/Customer/${customerId.replace(/\D/g, "")}`, deletedAt: null },
    select: { firstName: true },
  });
  return customer?.firstName ?? null;
}

export function forgetGreetingSettings(shop: string) {
  cache.delete(shop);
}

/**
 * What a sample shopper would see, for the admin's preview: a synced customer (numeric
 * id) or an anonymous first-time visitor, on a page type, with `templates` in place of
 * the saved ones (the merchant's unsaved edit). Records nothing.
 */
export async function previewGreeting(
  db: Db,
  keyRing: KeyRing,
  shopDomain: string,
  input: { templates: GreetingTemplate[]; customerId: string | null; pageType: PageType; now: Date },
) {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain } });
  const currency = shop?.currency ?? "USD";
  // The shop's segments and offers as the storefront reads them, with the edited templates.
  const { definitions, offers } = await settingsFor(db, shopDomain, currency);
  const shopper: Shopper = input.customerId
    ? await shopperFor(db, shopDomain, { customerId: input.customerId, personalization: true, visits: 1 })
    : { customer: null, visits: 0 };
  const product =
    input.pageType === "product"
      ? await db.product.findFirst({
          where: { shop: shopDomain, deletedAt: null, status: "ACTIVE" },
          orderBy: { title: "asc" },
          select: { title: true },
        })
      : null;
  const firstName =
    input.customerId && shopper.customer
      ? decryptNullable(keyRing, await firstNameOf(db, shopDomain, input.customerId))
      : null;
  const result = greetingForShopper({ templates: input.templates, definitions, offers }, shopper, {
    shop: {
      domain: shopDomain,
      name: shop?.name ?? null,
      currency,
      timezone: shop?.timezone ?? "UTC",
    },
    pageType: input.pageType,
    productTitle: product?.title ?? null,
    firstName,
    now: input.now,
  });
  return { ...result.view, productTitle: product?.title ?? null, errors: result.errors };
}

// ---------------------------------------------------------------------------------------
// Editing (the greetings page).

export interface TemplateEdit {
  id: string | null;
  segment: string | null;
  pageType: PageType | null;
  source: string;
  enabled: boolean;
}

export type TemplateEditErrors = {
  source?: TemplateProblem[];
  segment?: string;
  form?: string;
};

export type TemplateEditResult =
  { ok: true; template: GreetingTemplate; templates: GreetingTemplate[] } | { ok: false; errors: TemplateEditErrors };

/** The segments a greeting can be written for: the built-in ones the shop uses and its own. */
export function segmentChoices(definitions: SegmentDefinitions): { id: string; name: string }[] {
  const disabled = new Set<string>(definitions.builtIn.disabled);
  return [
    ...BUILT_IN_SEGMENTS.filter((id) => !disabled.has(id)).map((id) => ({ id, name: BUILT_IN_SEGMENT_NAMES[id] })),
    ...definitions.custom.map((segment) => ({ id: segment.id, name: segment.name })),
  ];
}

/** Adds or replaces one template, after the same validation the storefront relies on. */
export async function saveGreetingTemplate(db: Db, shop: string, edit: TemplateEdit): Promise<TemplateEditResult> {
  const currency = (await db.shop.findUnique({ where: { domain: shop }, select: { currency: true } }))?.currency;
  const [templates, definitions] = await Promise.all([
    readSetting(db, shop, greetingTemplates, { currency: currency ?? "USD" }),
    readSetting(db, shop, segmentDefinitions, { currency: currency ?? "USD" }),
  ]);
  const errors: TemplateEditErrors = {};
  const check = validateGreetingTemplate(edit.source);
  if (!check.ok) errors.source = check.errors;
  if (edit.segment && !segmentChoices(definitions).some((segment) => segment.id === edit.segment)) {
    errors.segment = "There is no such segment any more. Choose another.";
  }
  const existing = edit.id ? templates.findIndex((template) => template.id === edit.id) : -1;
  if (edit.id && existing < 0) errors.form = "This greeting was deleted meanwhile. Reload the page.";
  if (existing < 0 && templates.length >= 100) errors.form = "A shop can have at most 100 greetings.";
  if (Object.keys(errors).length) return { ok: false, errors };

  const template: GreetingTemplate = {
    id: edit.id ?? `g_${randomBytes(6).toString("base64url")}`,
    segment: edit.segment,
    pageType: edit.pageType,
    source: edit.source,
    enabled: edit.enabled,
  };
  const next = existing >= 0 ? templates.map((t, i) => (i === existing ? template : t)) : [...templates, template];
  await writeSetting(db, shop, greetingTemplates, next);
  return { ok: true, template, templates: next };
}

export async function deleteGreetingTemplate(db: Db, shop: string, id: string): Promise<boolean> {
  const templates = await readSetting(db, shop, greetingTemplates);
  const next = templates.filter((template) => template.id !== id);
  if (next.length === templates.length) return false;
  await writeSetting(db, shop, greetingTemplates, next);
  return true;
}
