import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/**
 * How many app instances are running, for limits sized by the deployment's capacity
 * (app/conversations/rate-limit.server.ts). Each instance marks itself alive in one Redis
 * sorted set (member: its id, score: when it last said so) every few seconds; an instance
 * that stops saying so (killed, scaled in) drops out after `staleMs`. Without Redis, or
 * while Redis is away, this instance only knows itself (and then counts its limits alone).
 */
export interface InstanceCount {
  count(): number;
  close(): Promise<void>;
}

export function createInstanceCount({
  url,
  key,
  heartbeatMs = 5_000,
  staleMs = 15_000,
}: {
  url: string;
  key: string;
  heartbeatMs?: number;
  staleMs?: number;
}): InstanceCount {
  const id = randomBytes(8).toString("hex");
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  redis.on("error", () => undefined);
  let known = 1;
  const beat = async () => {
    if (redis.status !== "ready") {
      known = 1;
      return;
    }
    const now = Date.now();
    try {
      const [, , [, count]] = (await redis
        .multi()
        .zadd(key, now, id)
        .zremrangebyscore(key, 0, now - staleMs)
        .zcard(key)
        .pexpire(key, staleMs * 4)
        .exec()) as [unknown, unknown, [unknown, number], unknown];
      known = Math.max(1, Number(count) || 1);
    } catch {
      known = 1;
    }
  };
  redis.on("ready", () => void beat());
  const timer = setInterval(() => void beat(), heartbeatMs);
  timer.unref();
  return {
    count: () => known,
    async close() {
      clearInterval(timer);
      await redis.zrem(key, id).catch(() => undefined);
      redis.disconnect();
    },
  };
}
