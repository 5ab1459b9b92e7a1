import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "../db.server";
import { updateScopes } from "../shops/shops.server";
import { authenticateWebhook } from "../webhooks/authenticate.server";
import { receiveWebhook } from "../webhooks/receive.server";

const payloadSchema = z.object({ current: z.array(z.string()) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const delivery = await authenticateWebhook(request);
  return receiveWebhook(db, delivery, ({ shop, payload }) =>
    updateScopes(db, shop, payloadSchema.parse(payload).current.join(",")),
  );
};
