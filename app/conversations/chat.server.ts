import { respond } from "../assistant/respond.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { keyRing } from "../privacy/keys.server";
import { appLiveBus } from "../inbox/live.server";
import { enqueueHandoffNotification } from "../inbox/notify.server";
import { jobs } from "../jobs/index.server";
import type { ChatDeps } from "./conversations.server";
import { chatLimits } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { createInstanceCount, type InstanceCount } from "./instances.server";
import { createMemoryRateLimiter, shopRules, type RateLimiter } from "./rate-limit.server";
import { createRedisRateLimiter } from "./rate-limit-redis.server";
import { createVisitorTokens } from "./visitor.server";

declare global {
  // One limiter per process, surviving Vite's module reloads in development.
  var __chatRateLimiter: RateLimiter | undefined;
  var __chatInstances: InstanceCount | undefined;
}

// The instances sharing this deployment's Redis, for the shop-wide limit's default.
const instances = env.REDIS_URL
  ? (globalThis.__chatInstances ??= createInstanceCount({ url: env.REDIS_URL, key: `${env.REDIS_PREFIX}:instances` }))
  : null;

/** The shop-wide send limit a shop gets when its merchant has not set one (messages a second). */
export const automaticShopSendRate = () =>
  shopRules({ capacityPerInstance: env.CHAT_SEND_CAPACITY, instances: instances?.count() ?? 1 }).send.refillPerSecond;

/** Wakes the merchant's inbox pages, on every instance when Redis is configured. */
export const liveBus = appLiveBus(env.REDIS_URL);

/** The storefront chat as the app runs it: the app's database, keys and assistant. */
export const chat: ChatDeps = {
  db,
  keyRing,
  tokens: createVisitorTokens(env.SHOPIFY_API_SECRET),
  // Shared by every instance through Redis when REDIS_URL is set; in-process otherwise.
  limiter: (globalThis.__chatRateLimiter ??= env.REDIS_URL
    ? createRedisRateLimiter({ url: env.REDIS_URL, prefix: `${env.REDIS_PREFIX}:rl:` })
    : createMemoryRateLimiter()),
  shopRules: async (shop) =>
    shopRules({
      perSecond: (await readSetting(db, shop, chatLimits)).messagesPerSecond,
      capacityPerInstance: env.CHAT_SEND_CAPACITY,
      instances: instances?.count() ?? 1,
    }),
  respond,
  onActivity: (shop, conversationId) => liveBus.publish(shop, conversationId),
  onHandoff: (shop, conversationId) => enqueueHandoffNotification(jobs, { shop, conversationId }),
};
