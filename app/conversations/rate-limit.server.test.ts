import { describe, expect, it } from "vitest";
import { seededRandom } from "../../tests/factories/random";
import { HttpError } from "../http/errors.server";
import {
  clientAddress,
  createMemoryRateLimiter,
  enforceRateLimits,
  MEASURED_SEND_CAPACITY,
  RATE_LIMITS,
  shopRules,
  withShopRules,
  type RateLimiter,
  type RateSubject,
} from "./rate-limit.server";

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

describe("limits that stop abuse, not a crowd", () => {
  it("GIVEN no setting THEN the shop-wide send rate is half of what the running instances answer, with ten seconds of burst, never below 20 a second; a merchant's figure wins; reads and writes scale with it", () => {
    expect(shopRules({ capacityPerInstance: 300, instances: 1 }).send).toEqual({
      capacity: 1500,
      refillPerSecond: 150,
    });
    expect(shopRules({ capacityPerInstance: 300, instances: 2 }).send).toEqual({
      capacity: 3000,
      refillPerSecond: 300,
    });
    expect(shopRules({ capacityPerInstance: 10, instances: 1 }).send.refillPerSecond).toBe(20);
    expect(shopRules({ perSecond: 5, capacityPerInstance: 300, instances: 4 })).toEqual({
      send: { capacity: 50, refillPerSecond: 5 },
      read: { capacity: 100, refillPerSecond: 10 },
      write: { capacity: 100, refillPerSecond: 10 },
    });
    expect(RATE_LIMITS.send.shop.refillPerSecond).toBe(Math.floor(MEASURED_SEND_CAPACITY / 2));
  });

  /** Sends on a simulated clock; returns how many were allowed and refused per sender. */
  async function simulate(
    limiter: RateLimiter,
    sends: { at: number; who: string; subject: RateSubject }[],
    limits = RATE_LIMITS,
  ) {
    const tally = new Map<string, { allowed: number; refused: number }>();
    for (const send of sends.sort((a, b) => a.at - b.at)) {
      const entry = tally.get(send.who) ?? { allowed: 0, refused: 0 };
      tally.set(send.who, entry);
      try {
        await enforceRateLimits(limiter, "send", send.subject, limits, send.at);
        entry.allowed += 1;
      } catch (error) {
        if (!(error instanceof HttpError) || error.status !== 429) throw error;
        entry.refused += 1;
      }
    }
    return tally;
  }

  // 200 shoppers, each on their own device and address, writing every 5–15 s for two minutes.
  function crowd(shop: string, seconds: number, random = seededRandom(17)) {
    const sends: { at: number; who: string; subject: RateSubject }[] = [];
    for (let i = 0; i < 200; i++) {
      const subject = { shop, visitorId: `shopper-${i}`, ip: `10.1.${i >> 8}.${i & 255}` };
      for (let at = random() * 5_000; at < seconds * 1000; at += 5_000 + random() * 10_000)
        sends.push({ at: 1_000_000 + at, who: "shopper", subject });
    }
    return sends;
  }

  it("GIVEN 200 shoppers at human pace and one visitor sending 10 messages a second THEN no shopper is refused and the abuser is, within the first second", async () => {
    const shop = "flash-sale.myshopify.com";
    const abuser = { shop, visitorId: "script", ip: "203.0.113.50" };
    const sends = crowd(shop, 120);
    for (let at = 0; at < 120_000; at += 100) sends.push({ at: 1_000_000 + at, who: "abuser", subject: abuser });

    const tally = await simulate(createMemoryRateLimiter(), sends);

    expect(tally.get("shopper")!.allowed).toBeGreaterThan(1500);
    expect(tally.get("shopper")!.refused).toBe(0);
    // Its burst of 8, then one every 4 s.
    expect(tally.get("abuser")!.allowed).toBeLessThanOrEqual(8 + 120 / 4);
    expect(tally.get("abuser")!.refused).toBeGreaterThan(1000);
    const firstSecond = await simulate(
      createMemoryRateLimiter(),
      Array.from({ length: 10 }, (_, i) => ({ at: i * 100, who: "abuser", subject: abuser })),
    );
    expect(firstSecond.get("abuser")).toEqual({ allowed: 8, refused: 2 });
  });

  it("GIVEN the abuser minting a new visitor token for every message from one address THEN the address's bucket refuses it, still alone", async () => {
    const shop = "flash-sale-2.myshopify.com";
    const sends = crowd(shop, 120);
    for (let at = 0, n = 0; at < 120_000; at += 100, n++)
      sends.push({
        at: 1_000_000 + at,
        who: "abuser",
        subject: { shop, visitorId: `minted-${n}`, ip: "203.0.113.51" },
      });

    const tally = await simulate(createMemoryRateLimiter(), sends);

    expect(tally.get("shopper")!.refused).toBe(0);
    expect(tally.get("abuser")!.allowed).toBeLessThanOrEqual(RATE_LIMITS.send.ip.capacity + 120);
    expect(tally.get("abuser")!.refused).toBeGreaterThan(1000);
  });

  it("GIVEN an eager crowd (every 2.5–7.5 s) on two instances measured at 100 a second THEN the sized default serves it where the old fixed limit (20 a second, burst 400) refused it", async () => {
    const shop = "flash-sale-3.myshopify.com";
    // A crowd twice as eager (every 2.5–7.5 s, as at a sale's opening) for two minutes.
    const random = seededRandom(5);
    const sends: { at: number; who: string; subject: RateSubject }[] = [];
    for (let i = 0; i < 200; i++) {
      const subject = { shop, visitorId: `shopper-${i}`, ip: `10.2.${i >> 8}.${i & 255}` };
      for (let at = random() * 2_500; at < 120_000; at += 2_500 + random() * 5_000)
        sends.push({ at: 1_000_000 + at, who: "shopper", subject });
    }
    const old = withShopRules({ ...shopRules({}), send: { capacity: 400, refillPerSecond: 20 } });

    const sized = withShopRules(shopRules({ capacityPerInstance: 100, instances: 2 }));

    const before = await simulate(createMemoryRateLimiter(), sends, old);
    const now = await simulate(createMemoryRateLimiter(), sends, sized);

    expect(before.get("shopper")!.refused).toBeGreaterThan(0);
    expect(now.get("shopper")!.refused).toBe(0);
  });
});
