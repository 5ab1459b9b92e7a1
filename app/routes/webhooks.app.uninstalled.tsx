import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { markUninstalled } from "../shops/shops.server";
import { authenticateWebhook } from "../webhooks/authenticate.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const delivery = await authenticateWebhook(request);
  return receiveWebhook(db, delivery, ({ shop }) => markUninstalled(db, shop), { evenWhenUninstalled: true });
};
