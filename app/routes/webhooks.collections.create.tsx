import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { jobs } from "../jobs/index.server";
import { enqueueCollectionRefresh, enqueueTranslationsRefresh } from "../sync/jobs.server";
import { applyCollectionWebhook } from "../sync/webhooks.server";
import { authenticateWebhook } from "../webhooks/authenticate.server";
import { receiveWebhook } from "../webhooks/receive.server";

// The payload has the collection's title and handle but not its products: a job reads
// those from the Admin API, and another its translations (no webhook says they changed).
export const action = async ({ request }: ActionFunctionArgs) => {
  const delivery = await authenticateWebhook(request);
  return receiveWebhook(db, delivery, async ({ shop, payload }) => {
    const collectionId = await applyCollectionWebhook(db, shop, payload);
    await enqueueCollectionRefresh(jobs, shop, collectionId);
    await enqueueTranslationsRefresh(jobs, db, shop, collectionId);
  });
};
