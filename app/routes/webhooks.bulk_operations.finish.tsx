import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { recordBulkFinish } from "../sync/webhooks.server";
import { authenticateWebhook } from "../webhooks/authenticate.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const delivery = await authenticateWebhook(request);
  return receiveWebhook(db, delivery, async ({ shop, payload }) => {
    await recordBulkFinish(db, shop, payload);
  });
};
