import { HttpError } from "../http/errors.server";

/**
 * Token buckets: a bucket holds up to `capacity` tokens and gains `refillPerSecond`; a
 * request takes one. Bursts up to the capacity pass, a steady flood is held to the
 * refill rate. The interface is async so a shared store (Redis, with many app
 * instances) can sit behind it; the in-memory one suits a single instance.
 */
export interface RateRule {
  capacity: number;
  refillPerSecond: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until a token is available again (0 when allowed). */
  retryAfterSeconds: number;
  remaining: number;
}

export interface RateLimiter {
  take(key: string, rule: RateRule, now?: number): Promise<RateDecision>;
}

export function createMemoryRateLimiter({ maxKeys = 50_000 } = {}): RateLimiter & { size(): number } {
  const buckets = new Map<string, { tokens: number; at: number; rule: RateRule }>();

  const refilled = (bucket: { tokens: number; at: number; rule: RateRule }, now: number) =>
    Math.min(bucket.rule.capacity, bucket.tokens + ((now - bucket.at) / 1000) * bucket.rule.refillPerSecond);

  // Buckets that have refilled to capacity carry no information: forgetting them is
  // the same as keeping them, so memory stays bounded by recent, active keys.
  function prune(now: number) {
    for (const [key, bucket] of buckets) if (refilled(bucket, now) >= bucket.rule.capacity) buckets.delete(key);
    // Still too many (a flood of distinct keys): drop the least recently used.
    for (const key of buckets.keys()) {
      if (buckets.size <= maxKeys * 0.9) break;
      buckets.delete(key);
    }
  }

  return {
    size: () => buckets.size,
    async take(key, rule, now = Date.now()) {
      const existing = buckets.get(key);
      const bucket = existing ?? { tokens: rule.capacity, at: now, rule };
      bucket.tokens = existing ? refilled(existing, now) : rule.capacity;
      bucket.at = now;
      bucket.rule = rule;
      if (existing)
        buckets.delete(key); // re-inserted below: the Map's order is least recently used first
      else if (buckets.size >= maxKeys) prune(now);
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(bucket.tokens) };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rule.refillPerSecond)),
        remaining: 0,
      };
    },
  };
}

/**
 * Chat messages a second one app instance answers with p99 ≤ 250 ms, as `npm run
 * bench:server` measured it (sqlite-1, 2026-12-04) on the 2-core development machine while
 * other work kept its load average at 5–7 (README, "Capacity"). CHAT_SEND_CAPACITY
 * overrides it for a deployment measured on its own hardware.
 */
export const MEASURED_SEND_CAPACITY = 50;

export type RateKind = "send" | "read" | "write";

/** The smallest shop-wide default: the fixed limit this replaced (docs/decisions/0095). */
const MIN_SHOP_SENDS_PER_SECOND = 20;

/**
 * The shop-wide buckets. A merchant's own send rate (the `chat.limits` setting) wins;
 * otherwise half of what the running instances answer within the latency goal, so a flood
 * on one shop (many visitors and addresses, which no narrower bucket catches) leaves the
 * other half to the others, and the limit grows with the instances. The burst is ten
 * seconds' worth: a crowd arriving at once is let in, a flood is held to the rate. Opening
 * the chat and polling (`read`) come with the same crowd at up to twice the sends (every
 * shopper opens the chat once; a shopper waiting for a person polls every 1.5 s), and
 * feedback and events (`write`) at up to twice as well, so they scale with it.
 */
export function shopRules({
  perSecond,
  capacityPerInstance = MEASURED_SEND_CAPACITY,
  instances = 1,
}: {
  perSecond?: number | null;
  capacityPerInstance?: number;
  instances?: number;
}): Record<RateKind, RateRule> {
  const rate =
    perSecond ?? Math.max(MIN_SHOP_SENDS_PER_SECOND, Math.floor((capacityPerInstance * Math.max(1, instances)) / 2));
  return {
    send: { capacity: rate * 10, refillPerSecond: rate },
    read: { capacity: rate * 20, refillPerSecond: rate * 2 },
    write: { capacity: rate * 20, refillPerSecond: rate * 2 },
  };
}

const DEFAULT_SHOP = shopRules({});

/**
 * What the storefront endpoints allow. `send` is a chat message (each one runs the
 * assistant); `read` is opening the chat and polling for a person's reply (every
 * 1.5 s while waiting); `write` is feedback, events and preferences.
 *
 * Per visitor the buckets are sized for a person: a burst of 8 messages, then one every
 * 4 s (a shopper reading answers writes every 5–15 s), so a script sending ten a second is
 * refused within a second while nobody typing is. Per address they allow a household or
 * an office behind one address; the shop's buckets are `shopRules` (these are for one
 * instance at the measured capacity; the app passes each shop's own).
 */
export const RATE_LIMITS = {
  send: {
    visitor: { capacity: 8, refillPerSecond: 1 / 4 },
    ip: { capacity: 30, refillPerSecond: 1 },
    shop: DEFAULT_SHOP.send,
  },
  read: {
    visitor: { capacity: 30, refillPerSecond: 1 },
    ip: { capacity: 120, refillPerSecond: 4 },
    shop: DEFAULT_SHOP.read,
  },
  write: {
    visitor: { capacity: 30, refillPerSecond: 1 / 2 },
    ip: { capacity: 120, refillPerSecond: 2 },
    shop: DEFAULT_SHOP.write,
  },
} satisfies Record<RateKind, Record<"visitor" | "ip" | "shop", RateRule>>;
export type RateLimits = Record<RateKind, Record<"visitor" | "ip" | "shop", RateRule>>;

/** The storefront's limits with this shop's own shop-wide buckets. */
export function withShopRules(shop: Record<RateKind, RateRule>, limits: RateLimits = RATE_LIMITS): RateLimits {
  return {
    send: { ...limits.send, shop: shop.send },
    read: { ...limits.read, shop: shop.read },
    write: { ...limits.write, shop: shop.write },
  };
}

export interface RateSubject {
  shop: string;
  visitorId?: string | null;
  ip?: string | null;
}

/**
 * Takes a token from the visitor's, the address's and the shop's bucket, narrowest
 * first, and throws a 429 with Retry-After at the first that is empty.
 */
export async function enforceRateLimits(
  limiter: RateLimiter,
  kind: RateKind,
  subject: RateSubject,
  limits: RateLimits = RATE_LIMITS,
  now = Date.now(),
) {
  const rules = limits[kind];
  const checks: [string, RateRule][] = [];
  if (subject.visitorId) checks.push([`${kind}:v:${subject.shop}:${subject.visitorId}`, rules.visitor]);
  if (subject.ip) checks.push([`${kind}:ip:${subject.ip}`, rules.ip]);
  checks.push([`${kind}:s:${subject.shop}`, rules.shop]);
  for (const [key, rule] of checks) {
    const decision = await limiter.take(key, rule, now);
    if (!decision.allowed) {
      throw new HttpError(
        "rate_limited",
        "You're sending messages quickly. Please wait a moment and try again.",
        { retryAfterSeconds: decision.retryAfterSeconds },
        { "Retry-After": String(decision.retryAfterSeconds) },
      );
    }
  }
}

/**
 * The shopper's address as the app proxy forwards it: the first X-Forwarded-For entry.
 * Used only to share a bucket between requests, never to identify anyone.
 */
export function clientAddress(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first && first.length <= 64 ? first : null;
}
