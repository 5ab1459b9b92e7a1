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
 * What the storefront endpoints allow. `send` is a chat message (each one runs the
 * assistant); `read` is opening the chat and polling for a person's reply (every
 * 1.5 s while waiting); `write` is feedback, events and preferences.
 */
export const RATE_LIMITS = {
  send: {
    visitor: { capacity: 8, refillPerSecond: 1 / 4 },
    ip: { capacity: 30, refillPerSecond: 1 },
    // A busy shop's chat: 200 shoppers each writing every ten seconds is 20 a second.
    shop: { capacity: 400, refillPerSecond: 20 },
  },
  read: {
    visitor: { capacity: 30, refillPerSecond: 1 },
    ip: { capacity: 120, refillPerSecond: 4 },
    shop: { capacity: 2000, refillPerSecond: 50 },
  },
  write: {
    visitor: { capacity: 30, refillPerSecond: 1 / 2 },
    ip: { capacity: 120, refillPerSecond: 2 },
    shop: { capacity: 2000, refillPerSecond: 50 },
  },
} satisfies Record<string, Record<"visitor" | "ip" | "shop", RateRule>>;

export type RateKind = keyof typeof RATE_LIMITS;

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
  limits: Record<RateKind, Record<"visitor" | "ip" | "shop", RateRule>> = RATE_LIMITS,
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
