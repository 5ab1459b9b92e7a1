import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { jobs } from "../jobs/index.server";
import { markUninstalled } from "../shops/shops.server";
import { stopShopSync } from "../sync/jobs.server";
import { authenticateWebhook } from "../webhooks/authenticate.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const delivery = await authenticateWebhook(request);
  return receiveWebhook(
    db,
    delivery,
    async ({ shop }) => {
      await markUninstalled(db, shop);
      // The token is dead: queued syncs for the shop are dropped, a running one stops.
      await stopShopSync(db, jobs, shop);
    },
    { evenWhenUninstalled: true },
  );
};
