import { EventEmitter } from "node:events";
import { Redis } from "ioredis";

/**
 * Wakes the merchant's open inbox pages when a conversation changes. The pages long-poll
 * (app/routes/app.inbox.$id.updates.ts) and always re-read the shared database, so the
 * bus only decides how soon they look: with REDIS_URL a change on one app instance wakes
 * pages held by every other instance (pub/sub); without it, pages on this process.
 * A lost notification costs at most the long-poll's re-check interval, never a message.
 */
export interface LiveBus {
  readonly kind: "in-process" | "redis";
  publish(shop: string, conversationId: string): void;
  /** Resolves true when `shop` has activity (on `conversationId`, if given) within `timeoutMs`. */
  wait(shop: string, conversationId: string | null, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  close(): Promise<void>;
}

const channelOf = (shop: string) => `inbox:${shop}`;

function createWaiters(emitter: EventEmitter) {
  emitter.setMaxListeners(0);
  return (shop: string, conversationId: string | null, timeoutMs: number, signal?: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      const channel = channelOf(shop);
      const done = (woken: boolean) => {
        clearTimeout(timer);
        emitter.off(channel, listener);
        signal?.removeEventListener("abort", aborted);
        resolve(woken);
      };
      const listener = (id: string) => {
        if (conversationId === null || id === conversationId) done(true);
      };
      const aborted = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      emitter.on(channel, listener);
      if (signal?.aborted) done(false);
      else signal?.addEventListener("abort", aborted, { once: true });
    });
}

export function createMemoryBus(): LiveBus {
  const emitter = new EventEmitter();
  return {
    kind: "in-process",
    publish: (shop, conversationId) => void emitter.emit(channelOf(shop), conversationId),
    wait: createWaiters(emitter),
    close: async () => void emitter.removeAllListeners(),
  };
}

export function createRedisBus(url: string, prefix = "assistant"): LiveBus {
  const emitter = new EventEmitter();
  const publisher = new Redis(url, { maxRetriesPerRequest: 1 });
  const subscriber = new Redis(url);
  publisher.on("error", (error) => console.warn("inbox live updates: Redis publisher error", error.message));
  subscriber.on("error", (error) => console.warn("inbox live updates: Redis subscriber error", error.message));
  const pattern = `${prefix}:inbox:*`;
  void subscriber.psubscribe(pattern);
  subscriber.on("pmessage", (_pattern, channel: string, conversationId: string) => {
    emitter.emit(channel.slice(prefix.length + 1), conversationId);
  });
  return {
    kind: "redis",
    publish(shop, conversationId) {
      // Fire and forget: a page that misses this sees the change at its next re-check.
      publisher.publish(`${prefix}:${channelOf(shop)}`, conversationId).catch((error) => {
        console.warn("inbox live updates: publish failed", error.message);
      });
    },
    wait: createWaiters(emitter),
    async close() {
      emitter.removeAllListeners();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}

declare global {
  // One bus per process, surviving Vite's module reloads in development.
  var __inboxBus: LiveBus | undefined;
}

export function appLiveBus(redisUrl: string | undefined): LiveBus {
  return (globalThis.__inboxBus ??= redisUrl ? createRedisBus(redisUrl) : createMemoryBus());
}
