import { authenticate } from "../shopify.server";
import type { WebhookDelivery } from "./receive.server";

/**
 * Verifies a webhook's HMAC (the library answers 401 to a bad one) and names the
 * delivery by its event id, which stays the same across Shopify's retries.
 */
export async function authenticateWebhook(request: Request): Promise<WebhookDelivery> {
  const context = await authenticate.webhook(request);
  const eventId = context.eventId ?? context.webhookId;
  if (!eventId) throw new Response("Missing X-Shopify-Event-Id", { status: 400 });
  return { shop: context.shop, topic: context.topic, payload: context.payload, eventId };
}
