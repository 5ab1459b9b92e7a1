import type { ActionFunctionArgs } from "@remix-run/node";
import { jobs } from "../jobs/index.server";
import { authenticate } from "../shopify.server";
import { enqueueFullSync } from "../sync/jobs.server";

/** "Sync now" on the home page: queue a full sync unless one is queued or running. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { deduplicated } = await enqueueFullSync(jobs, session.shop, "manual");
  return { queued: true, alreadyRunning: deduplicated, at: new Date().toISOString() };
};
