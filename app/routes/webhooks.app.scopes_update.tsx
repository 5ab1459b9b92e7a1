import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "../db.server";
import { jobs } from "../jobs/index.server";
import { updateScopes } from "../shops/shops.server";
import { enqueueFullSync } from "../sync/jobs.server";
import { TRANSLATIONS_SCOPE } from "../sync/translations.server";
import { authenticateWebhook } from "../webhooks/authenticate.server";
import { receiveWebhook } from "../webhooks/receive.server";

const payloadSchema = z.object({ current: z.array(z.string()) });

const grants = (scopes: string | null | undefined, scope: string) =>
  (scopes ?? "").split(",").some((s) => s.trim() === scope);

// A merchant who accepts the translations scope after installing gets the shop's
// translations read now rather than at the next nightly sync.
export const action = async ({ request }: ActionFunctionArgs) => {
  const delivery = await authenticateWebhook(request);
  return receiveWebhook(db, delivery, async ({ shop, payload }) => {
    const current = payloadSchema.parse(payload).current.join(",");
    const before = await db.shop.findUnique({ where: { domain: shop }, select: { scopes: true } });
    await updateScopes(db, shop, current);
    if (grants(current, TRANSLATIONS_SCOPE) && !grants(before?.scopes, TRANSLATIONS_SCOPE)) {
      await enqueueFullSync(jobs, shop, "manual");
    }
  });
};
