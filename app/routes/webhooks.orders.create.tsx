import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { recordAttributedOrder } from "../experiments/store.server";
import { keyRing } from "../privacy/keys.server";
import { applyOrderWebhook } from "../sync/webhooks.server";
import { authenticateWebhook } from "../webhooks/authenticate.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const delivery = await authenticateWebhook(request);
  return receiveWebhook(db, delivery, async ({ shop, payload }) => {
    await applyOrderWebhook(db, shop, payload, keyRing);
    await recordAttributedOrder(db, shop, payload);
  });
};
