import { respond } from "../assistant/respond.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { keyRing } from "../privacy/keys.server";
import { appLiveBus } from "../inbox/live.server";
import { enqueueHandoffNotification } from "../inbox/notify.server";
import { jobs } from "../jobs/index.server";
import type { ChatDeps } from "./conversations.server";
import { createMemoryRateLimiter, type RateLimiter } from "./rate-limit.server";
import { createVisitorTokens } from "./visitor.server";

declare global {
  // One limiter per process, surviving Vite's module reloads in development.
  var __chatRateLimiter: RateLimiter | undefined;
}

/** Wakes the merchant's inbox pages, on every instance when Redis is configured. */
export const liveBus = appLiveBus(env.REDIS_URL);

/** The storefront chat as the app runs it: the app's database, keys and assistant. */
export const chat: ChatDeps = {
  db,
  keyRing,
  tokens: createVisitorTokens(env.SHOPIFY_API_SECRET),
  limiter: (globalThis.__chatRateLimiter ??= createMemoryRateLimiter()),
  respond,
  onActivity: (shop, conversationId) => liveBus.publish(shop, conversationId),
  onHandoff: (shop, conversationId) => enqueueHandoffNotification(jobs, { shop, conversationId }),
};
