import { afterEach, describe, expect, it } from "vitest";
import { createJobQueue } from "./index.server";
import type { JobContext, JobQueue } from "./queue.server";
import {
  backends,
  closeQueues,
  redisProblem,
  redisSkipMessage,
  requireRedis,
  REDIS_TEST_URL,
} from "../../tests/support/job-backends";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

afterEach(closeQueues);

describe("job backends", () => {
  it.runIf(redisProblem !== null && requireRedis)(
    "Redis is reachable in CI, where the BullMQ backend must be tested",
    () => {
      throw new Error(`CI=true but Redis did not answer at ${REDIS_TEST_URL}: ${redisProblem}`);
    },
  );
  it.skipIf(redisProblem === null || requireRedis)(redisSkipMessage, () => undefined);
});

describe.each(backends)("$name job queue", ({ create }) => {
  const started = async (setup: (queue: JobQueue) => void) => {
    const queue = create();
    setup(queue);
    await queue.start();
    return queue;
  };

  it("GIVEN a job THEN its handler runs once with the payload", async () => {
    const seen: { payload: unknown; context: Omit<JobContext, "signal"> }[] = [];
    const queue = await started((q) =>
      q.register("greet", async (payload, { id, attempt, maxAttempts }) => {
        seen.push({ payload, context: { id, attempt, maxAttempts } });
      }),
    );

    const { id } = await queue.enqueue("greet", { shop: "a.myshopify.com", n: 1 });
    await queue.idle(5_000);

    expect(seen).toEqual([{ payload: { shop: "a.myshopify.com", n: 1 }, context: { id, attempt: 1, maxAttempts: 1 } }]);
  });

  it("GIVEN a job that fails twice THEN it is retried with growing delays and succeeds on the third attempt", async () => {
    const attempts: { attempt: number; at: number }[] = [];
    const queue = await started((q) =>
      q.register(
        "flaky",
        async (_payload, { attempt }) => {
          attempts.push({ attempt, at: Date.now() });
          if (attempt < 3) throw new Error(`attempt ${attempt} fails`);
        },
        { attempts: 3, backoffMs: 60 },
      ),
    );

    await queue.enqueue("flaky", {});
    await until(() => attempts.length === 3);
    await queue.idle(5_000);

    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    const [first, second, third] = attempts;
    // Backoff of 60 ms doubling, with at least half of each delay kept.
    expect(second.at - first.at).toBeGreaterThanOrEqual(29);
    expect(third.at - second.at).toBeGreaterThanOrEqual(59);
  });

  it("GIVEN a job that always fails THEN it stops after its attempts", async () => {
    let runs = 0;
    const queue = await started((q) =>
      q.register(
        "broken",
        async () => {
          runs += 1;
          throw new Error("always");
        },
        { attempts: 2, backoffMs: 10 },
      ),
    );

    await queue.enqueue("broken", {});
    await queue.idle(5_000);
    await sleep(100);

    expect(runs).toBe(2);
  });

  it("GIVEN two jobs with the same dedupe key while the first waits THEN only one runs; after it, the key is free again", async () => {
    let runs = 0;
    const queue = await started((q) =>
      q.register("sync", async () => {
        runs += 1;
      }),
    );

    const first = await queue.enqueue("sync", { shop: "a" }, { dedupeKey: "sync|a", delayMs: 150 });
    const second = await queue.enqueue("sync", { shop: "a" }, { dedupeKey: "sync|a" });
    await queue.idle(5_000);
    const third = await queue.enqueue("sync", { shop: "a" }, { dedupeKey: "sync|a" });
    await queue.idle(5_000);

    expect([first.deduplicated, second.deduplicated, third.deduplicated]).toEqual([false, true, false]);
    expect(second.id).toBe(first.id);
    expect(runs).toBe(2);
  });

  it("GIVEN a delayed job THEN it does not run before its time", async () => {
    let ranAt = 0;
    const queue = await started((q) =>
      q.register("later", async () => {
        ranAt = Date.now();
      }),
    );

    const enqueuedAt = Date.now();
    await queue.enqueue("later", {}, { delayMs: 200 });
    await sleep(100);
    expect(ranAt).toBe(0);
    await queue.idle(5_000);

    expect(ranAt - enqueuedAt).toBeGreaterThanOrEqual(195);
  });

  it("GIVEN a repeating job THEN it runs again and again", async () => {
    let runs = 0;
    const queue = await started((q) =>
      q.register("tick", async () => {
        runs += 1;
      }),
    );

    await queue.repeat("tick", {}, { key: "tick", everyMs: 100 });
    await until(() => runs >= 3, 5_000);

    expect(runs).toBeGreaterThanOrEqual(3);
  });

  it("GIVEN a shop is cancelled THEN its waiting jobs never run, its running job is aborted, other shops' jobs run", async () => {
    const ran: string[] = [];
    let abortedReason: unknown = null;
    let running = false;
    const queue = await started((q) => {
      q.register<{ shop: string }>("work", async ({ shop }) => {
        ran.push(shop);
      });
      q.register<{ shop: string }>("long", async (_payload, { signal }) => {
        running = true;
        await new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => {
            abortedReason = signal.reason;
            resolve();
          });
        });
      });
    });

    await queue.enqueue("long", { shop: "gone.myshopify.com" });
    await until(() => running);
    await queue.enqueue("work", { shop: "gone.myshopify.com" }, { delayMs: 150, dedupeKey: "work|gone" });
    await queue.enqueue("work", { shop: "kept.myshopify.com" }, { delayMs: 150 });
    const cancelled = await queue.cancelShop("gone.myshopify.com");
    await queue.idle(5_000);

    expect(cancelled).toBe(2);
    expect(ran).toEqual(["kept.myshopify.com"]);
    expect(abortedReason).not.toBeNull();
    // Its dedupe key was released with it.
    expect((await queue.enqueue("work", { shop: "gone.myshopify.com" }, { dedupeKey: "work|gone" })).deduplicated).toBe(
      false,
    );
    await queue.idle(5_000);
  });

  it("GIVEN a running job WHEN the queue closes THEN close waits for it to finish and nothing new starts", async () => {
    const events: string[] = [];
    const queue = await started((q) =>
      q.register<{ n: number }>("slow", async ({ n }) => {
        events.push(`start ${n}`);
        await sleep(200);
        events.push(`end ${n}`);
      }),
    );

    await queue.enqueue("slow", { n: 1 });
    await until(() => events.length === 1);
    await queue.enqueue("slow", { n: 2 }, { delayMs: 300 });
    await queue.close({ timeoutMs: 5_000 });
    events.push("closed");
    await sleep(400);

    expect(events).toEqual(["start 1", "end 1", "closed"]);
  });
});

describe("choosing a backend", () => {
  it("GIVEN no REDIS_URL THEN jobs run in this process", async () => {
    const queue = await createJobQueue({});
    expect(queue.kind).toBe("in-process");
    await queue.close();
  });

  it("GIVEN a REDIS_URL where nothing answers THEN it warns and falls back to in-process jobs", async () => {
    const warnings: string[] = [];

    const queue = await createJobQueue({
      redisUrl: "redis://127.0.0.1:1",
      log: { warn: (m: string) => warnings.push(m) },
    });

    expect(queue.kind).toBe("in-process");
    expect(warnings).toEqual([expect.stringContaining("REDIS_URL is set but Redis did not answer")]);
    await queue.close();
  });

  it.skipIf(redisProblem !== null)("GIVEN a REDIS_URL where Redis answers THEN jobs go through BullMQ", async () => {
    const queue = await createJobQueue({ redisUrl: REDIS_TEST_URL, prefix: `choose-${process.pid}` });
    expect(queue.kind).toBe("bullmq");
    await queue.close();
  });
});
