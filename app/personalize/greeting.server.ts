import type { Db } from "../db.server";
import { decryptNullable, type KeyRing } from "../privacy/crypto.server";
import { exposeVisitor, listExperiments, runningExperiment, type StoredExperiment } from "../experiments/store.server";
import { shopperFor } from "../recommend/service.server";
import type { PageType } from "../recommend/rules/types";
import { greetingTemplates, segmentDefinitions, segmentOffers } from "../settings/definitions.server";
import { readSetting, settingsVersion } from "../settings/store.server";
import { greetingScope, mentionsOffer, renderGreeting, renderSandboxed, type GreetingTemplate } from "./greetings";
import { chooseOffer, offerText, validateOffers, type Offer } from "./offers";
import { segmentsFor, type SegmentDefinitions, type Shopper } from "./segments";

/**
 * The greeting a shopper sees when the chat opens: the merchant's template for the
 * shopper's segment and page type (or the running greeting experiment's variant),
 * with the segment's offer, rendered as text.
 */

interface ShopGreetingSettings {
  version: number;
  templates: GreetingTemplate[];
  definitions: SegmentDefinitions;
  offers: Offer[];
  experiments: StoredExperiment[];
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
  const entry = { version, templates, definitions, offers: offers.ok ? offers.offers : [], experiments };
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
  /** Whether to record the experiment exposure (the admin's preview does not). */
  record?: boolean;
}

export interface SessionGreeting {
  /** Plain text for the widget's textContent; null for the widget's own translated greeting. */
  text: string | null;
  segments: string[];
  segment: string | null;
  templateId: string | null;
  offer: { code: string } | null;
  experiment: { id: string; variantId: string } | null;
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

  const [shopper, productTitle] = await Promise.all([
    visitsOf(db, shop.domain, request.visitorId, now).then((visits) =>
      shopperFor(db, shop.domain, {
        customerId: request.customerId,
        personalization: !request.trackingOff,
        visits,
      }),
    ),
    productTitleOf(db, shop.domain, request.pageType, request.productId),
  ]);
  const result = greetingForShopper(settings, shopper, {
    shop,
    pageType: request.pageType,
    productTitle,
    firstName:
      request.customerId && !request.trackingOff
        ? decryptNullable(request.keyRing, await firstNameOf(db, shop.domain, request.customerId))
        : null,
    now,
  });

  const variant =
    running && request.record !== false
      ? await exposeVisitor(db, shop.domain, running, request.visitorId, result.segments, now)
      : null;
  if (variant) {
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
  }
  return settings.templates.length ? result.view : null;
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
  const rendered = renderGreeting({ templates: settings.templates, context });
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
