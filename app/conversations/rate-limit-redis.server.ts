import { Redis } from "ioredis";
import { log as appLog, type Logger } from "../log.server";
import { createMemoryRateLimiter, type RateLimiter } from "./rate-limit.server";

/**
 * The token bucket of rate-limit.server.ts kept in Redis, so every instance of the app
 * draws from the same buckets (docs/decisions/0080-redis-rate-limits.md). One Lua script
 * refills and takes atomically; a bucket expires once it would be full again, so idle
 * keys cost nothing.
 *
 * When Redis does not answer, the limiter degrades to the in-process buckets (limits then
 * count per instance) and says so once; it returns to Redis by itself when Redis is back.
 */
const TAKE = `
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
return {allowed, tostring(tokens)}
`;

type TakeCommand = (key: string, capacity: number, rate: number, now: number) => Promise<[number, string]>;

export interface RedisRateLimiterOptions {
  url: string;
  /** Keeps the app's keys (and each test's) apart on a shared Redis. */
  prefix?: string;
  log?: Pick<Logger, "warn" | "info">;
  fallback?: RateLimiter;
}

export function createRedisRateLimiter({
  url,
  prefix = "assistant:rl:",
  log = appLog,
  fallback = createMemoryRateLimiter(),
}: RedisRateLimiterOptions): RateLimiter & { close(): Promise<void> } {
  const redis = new Redis(url, {
    // A request never waits on a Redis that is away: commands fail at once and the
    // in-process buckets answer; the client keeps reconnecting in the background.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    // Generous: under load the event loop itself may be late, and a spurious timeout only
    // sends one request to the in-process buckets.
    commandTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  redis.defineCommand("takeToken", { numberOfKeys: 1, lua: TAKE });
  const take = (redis as unknown as { takeToken: TakeCommand }).takeToken.bind(redis);

  let degraded = false;
  // The first requests after start wait (briefly) for the connection instead of
  // reporting a Redis that is only still connecting.
  let firstConnection: Promise<unknown> | null = Promise.race([
    new Promise((resolve) => redis.once("ready", resolve)),
    new Promise((resolve) => setTimeout(resolve, 1_500).unref()),
  ]).then(() => (firstConnection = null));
  redis.on("error", () => undefined);
  const recovered = () => {
    if (!degraded) return;
    degraded = false;
    log.info("Redis answers again: rate limits are shared between instances again.");
  };
  redis.on("ready", recovered);

  return {
    async take(key, rule, now = Date.now()) {
      try {
        if (firstConnection) await firstConnection;
        if (redis.status !== "ready") throw new Error(`Redis connection is ${redis.status}`);
        const [allowed, tokens] = await take(`${prefix}${key}`, rule.capacity, rule.refillPerSecond, now);
        recovered();
        const left = Number(tokens);
        return allowed === 1
          ? { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(left) }
          : {
              allowed: false,
              retryAfterSeconds: Math.max(1, Math.ceil((1 - left) / rule.refillPerSecond)),
              remaining: 0,
            };
      } catch (error) {
        if (!degraded) {
          degraded = true;
          log.warn(
            `Redis did not answer for rate limits (${error instanceof Error ? error.message : String(error)}); ` +
              "counting in this process until it is back.",
          );
        }
        return fallback.take(key, rule, now);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
