import { afterEach, describe, expect, it } from "vitest";
import { createMemoryBus, createRedisBus, type LiveBus } from "./live.server";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const opened: LiveBus[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((bus) => bus.close()));
});

describe("the inbox's live bus", () => {
  it("GIVEN a page waiting on a conversation THEN activity on it wakes the page, and other conversations' do not", async () => {
    const bus = createMemoryBus();
    opened.push(bus);
    const waiting = bus.wait("a.myshopify.com", "c1", 2_000);
    bus.publish("a.myshopify.com", "c2");
    bus.publish("b.myshopify.com", "c1");
    const quiet = await bus.wait("a.myshopify.com", "c1", 50);
    bus.publish("a.myshopify.com", "c1");

    expect(quiet).toBe(false);
    expect(await waiting).toBe(true);
  });

  it("GIVEN two app instances on Redis WHEN one publishes THEN a page held by the other wakes", async () => {
    const prefix = `test-${Date.now()}`;
    const first = createRedisBus(REDIS_URL, prefix);
    const second = createRedisBus(REDIS_URL, prefix);
    opened.push(first, second);
    // Subscriptions are asynchronous; wait until the second instance hears anything.
    await expect
      .poll(async () => {
        const heard = second.wait("a.myshopify.com", null, 200);
        first.publish("a.myshopify.com", "warm-up");
        return heard;
      })
      .toBe(true);

    const started = Date.now();
    const woken = second.wait("a.myshopify.com", "c1", 5_000);
    first.publish("a.myshopify.com", "c1");

    expect(await woken).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
