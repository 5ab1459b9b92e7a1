import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { jobs } from "../jobs/index.server";
import { enqueueTranslationsRefresh } from "../sync/jobs.server";
import { webhookResourceId } from "../sync/translations.server";
import { applyProductWebhook } from "../sync/webhooks.server";
import { authenticateWebhook } from "../webhooks/authenticate.server";
import { receiveWebhook } from "../webhooks/receive.server";

// Shopify sends no webhook when a translation changes: an edited product's translations
// are read again by a job (a multi-language shop only).
export const action = async ({ request }: ActionFunctionArgs) => {
  const delivery = await authenticateWebhook(request);
  return receiveWebhook(db, delivery, async ({ shop, payload }) => {
    const changed = await applyProductWebhook(db, shop, payload);
    const productId = webhookResourceId("Product", payload);
    if (changed && productId) await enqueueTranslationsRefresh(jobs, db, shop, productId);
  });
};
