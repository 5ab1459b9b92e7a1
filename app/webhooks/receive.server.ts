import { PrismaClientKnownRequestError } from "@prisma/client/runtime/client";
import type { Db } from "../db.server";
import { findInstalledShop } from "../shops/shops.server";
import { log } from "../log.server";

export interface WebhookDelivery {
  shop: string;
  topic: string;
  payload: unknown;
  eventId: string;
}

export type WebhookHandler = (delivery: WebhookDelivery) => Promise<void>;

interface ReceiveOptions {
  /**
   * Run for shops that are unknown or uninstalled too. Only the lifecycle and
   * compliance topics want this: `shop/redact` arrives 48 hours after uninstall.
   */
  evenWhenUninstalled?: boolean;
}

/**
 * Applies one authenticated webhook delivery exactly once per `X-Shopify-Event-Id`.
 *
 * The ledger row is claimed first (a unique index makes a concurrent duplicate lose
 * the race and return 200 without work); if the handler fails the claim is released
 * and 500 tells Shopify to retry, so a failure never marks an event as done.
 */
export async function receiveWebhook(
  db: Db,
  delivery: WebhookDelivery,
  handler: WebhookHandler,
  { evenWhenUninstalled = false }: ReceiveOptions = {},
): Promise<Response> {
  if (!evenWhenUninstalled && !(await findInstalledShop(db, delivery.shop))) {
    // Shopify keeps retrying anything but 2xx; there is nothing to do for this shop.
    return new Response(null, { status: 200 });
  }
  try {
    await db.webhookEvent.create({
      data: { shop: delivery.shop, eventId: delivery.eventId, topic: delivery.topic },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return new Response(null, { status: 200 });
    throw error;
  }
  try {
    await handler(delivery);
  } catch (error) {
    await db.webhookEvent.deleteMany({ where: { shop: delivery.shop, eventId: delivery.eventId } });
    log.error(`webhook ${delivery.topic} for ${delivery.shop} failed; Shopify will retry`, error);
    return new Response(null, { status: 500 });
  }
  return new Response(null, { status: 200 });
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof PrismaClientKnownRequestError && error.code === "P2002";
}
