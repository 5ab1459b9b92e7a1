import { describe, expect, it } from "vitest";
import { HttpError } from "../http/errors.server";
import { clientAddress, createMemoryRateLimiter, enforceRateLimits, RATE_LIMITS } from "./rate-limit.server";

const rule = { capacity: 3, refillPerSecond: 1 };

describe("token bucket rate limiter (in memory)", () => {
  it("GIVEN a burst up to the capacity THEN it passes, and the next request is told when to retry", async () => {
    const limiter = createMemoryRateLimiter();
    const t = 1_000_000;
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.take("k", rule, t));

    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3].retryAfterSeconds).toBe(1);
  });

  it("GIVEN time passing THEN tokens come back at the refill rate, never above the capacity", async () => {
    const limiter = createMemoryRateLimiter();
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) await limiter.take("k", rule, t);

    expect((await limiter.take("k", rule, t + 1000)).allowed).toBe(true);
    expect((await limiter.take("k", rule, t + 1000)).allowed).toBe(false);
    expect((await limiter.take("k", rule, t + 60_000)).remaining).toBe(2);
  });

  it("GIVEN a slow refill THEN Retry-After says how many seconds until the next token", async () => {
    const limiter = createMemoryRateLimiter();
    const slow = { capacity: 1, refillPerSecond: 1 / 4 };
    await limiter.take("k", slow, 0);
    expect((await limiter.take("k", slow, 1000)).retryAfterSeconds).toBe(3);
  });

  it("GIVEN keys that do not share a bucket THEN one visitor's flood does not limit another", async () => {
    const limiter = createMemoryRateLimiter();
    for (let i = 0; i < 5; i++) await limiter.take("a", rule, 0);
    expect((await limiter.take("b", rule, 0)).allowed).toBe(true);
  });

  it("GIVEN a flood of distinct keys THEN memory stays bounded and a limited visitor stays limited", async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 100 });
    const slow = { capacity: 1, refillPerSecond: 0.0001 };
    await limiter.take("busy", slow, 0);
    for (let i = 0; i < 99; i++) await limiter.take(`early${i}`, rule, 0);
    // Ten seconds later the early buckets are full again (they carry no state) and are
    // the ones forgotten when new keys arrive; the busy one is still empty and is kept.
    for (let i = 0; i < 1000; i++) await limiter.take(`late${i}`, rule, 10_000 + i * 100);

    expect(limiter.size()).toBeLessThanOrEqual(100);
    expect((await limiter.take("busy", slow, 110_000)).allowed).toBe(false);
  });
});

describe("the storefront's limits", () => {
  it("GIVEN one shop flooded by many visitors THEN the shop's own bucket stops them with a 429", async () => {
    const limiter = createMemoryRateLimiter();
    const limits = { ...RATE_LIMITS, send: { ...RATE_LIMITS.send, shop: { capacity: 5, refillPerSecond: 0.1 } } };
    const results: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        await enforceRateLimits(limiter, "send", { shop: "s", visitorId: `v${i}`, ip: `10.0.0.${i}` }, limits, 0);
        results.push(null);
      } catch (error) {
        results.push(error instanceof HttpError ? error.status : -1);
      }
    }
    expect(results).toEqual([null, null, null, null, null, 429]);
  });

  it("GIVEN one address switching visitor tokens THEN the address's bucket still limits it", async () => {
    const limiter = createMemoryRateLimiter();
    let caught: HttpError | null = null;
    for (let i = 0; i <= RATE_LIMITS.send.ip.capacity && !caught; i++) {
      try {
        await enforceRateLimits(limiter, "send", { shop: "s", visitorId: `v${i}`, ip: "203.0.113.9" }, RATE_LIMITS, 0);
      } catch (error) {
        caught = error as HttpError;
      }
    }
    expect(caught?.code).toBe("rate_limited");
    expect(new Headers(caught?.headers).get("Retry-After")).toBe("1");
  });

  it("GIVEN X-Forwarded-For THEN the first address is the shopper's", () => {
    const request = new Request("https://x.test", { headers: { "X-Forwarded-For": "198.51.100.7, 10.0.0.1" } });
    expect(clientAddress(request)).toBe("198.51.100.7");
    expect(clientAddress(new Request("https://x.test"))).toBeNull();
  });
});
