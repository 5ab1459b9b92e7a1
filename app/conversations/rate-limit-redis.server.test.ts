import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { HttpError } from "../http/errors.server";
import { redisProblem, redisSkipMessage, REDIS_TEST_URL, requireRedis } from "../../tests/support/job-backends";
import { enforceRateLimits, RATE_LIMITS } from "./rate-limit.server";
import { createRedisRateLimiter } from "./rate-limit-redis.server";

const rule = { capacity: 3, refillPerSecond: 1 };
const prefix = `test-rl-${process.pid}-${randomBytes(3).toString("hex")}:`;
const opened: { close(): Promise<void> }[] = [];

function quietLog() {
  const lines: string[] = [];
  return { lines, log: { warn: (l: string) => lines.push(`warn ${l}`), info: (l: string) => lines.push(`info ${l}`) } };
}

function limiter(url = REDIS_TEST_URL, log = quietLog().log) {
  const created = createRedisRateLimiter({ url, prefix, log });
  opened.push(created);
  return created;
}

afterAll(async () => {
  for (const l of opened) await l.close();
  if (redisProblem === null) {
    const redis = new Redis(REDIS_TEST_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
});

describe("rate limits through Redis", () => {
  it.runIf(redisProblem !== null && requireRedis)("Redis is reachable in CI", () => {
    throw new Error(`CI=true but Redis did not answer at ${REDIS_TEST_URL}: ${redisProblem}`);
  });
  it.skipIf(redisProblem === null || requireRedis)(redisSkipMessage, () => undefined);

  it.skipIf(redisProblem !== null)(
    "GIVEN two app instances WHEN they take from the same visitor's bucket THEN they share it: the burst is the capacity in total, and it refills by time",
    async () => {
      const one = limiter();
      const two = limiter();
      const t = Date.now();
      const taken = [];
      for (let i = 0; i < 4; i++) taken.push(await (i % 2 ? two : one).take("v:shared", rule, t));

      expect(taken.map((d) => d.allowed)).toEqual([true, true, true, false]);
      expect(taken[3].retryAfterSeconds).toBe(1);
      expect((await two.take("v:shared", rule, t + 1000)).allowed).toBe(true);
      expect((await one.take("v:shared", rule, t + 1000)).allowed).toBe(false);
      expect((await one.take("v:shared", rule, t + 60_000)).remaining).toBe(2);
    },
  );

  it.skipIf(redisProblem !== null)(
    "GIVEN the storefront limits WHEN one visitor floods two instances THEN the visitor, address and shop buckets all count across both",
    async () => {
      const instances = [limiter(), limiter()];
      const subject = {
        shop: `shop-${randomBytes(3).toString("hex")}.myshopify.com`,
        visitorId: "v1",
        ip: "203.0.113.9",
      };
      let allowed = 0;
      let refused: HttpError | null = null;
      for (let i = 0; i < 20 && !refused; i++) {
        try {
          await enforceRateLimits(instances[i % 2], "send", subject, RATE_LIMITS, 1_000_000);
          allowed += 1;
        } catch (error) {
          refused = error as HttpError;
        }
      }
      expect(allowed).toBe(RATE_LIMITS.send.visitor.capacity);
      expect(refused?.status).toBe(429);
      expect(refused?.headers).toMatchObject({ "Retry-After": "4" });
    },
  );

  it("GIVEN Redis is down WHEN requests keep coming THEN the in-process buckets answer and one warning is logged", async () => {
    const { lines, log } = quietLog();
    const down = limiter("redis://127.0.0.1:1", log);
    const t = Date.now();
    const started = performance.now();
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await down.take("v:down", rule, t));

    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(lines.filter((l) => l.startsWith("warn"))).toHaveLength(1);
    expect(lines[0]).toContain("counting in this process");
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
