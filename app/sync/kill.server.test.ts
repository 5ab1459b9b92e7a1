import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { runFullSync } from "./full-sync.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { expectSyncedEqual } from "../../tests/support/synced";
import { seedShop } from "../../tests/factories/catalog";

const fake = useFakeShopify();
const root = path.resolve(import.meta.dirname, "../..");
let served: { url: string; close(): Promise<void> };

beforeAll(async () => {
  served = await fake.listen();
});
afterAll(() => served.close());

/** Starts the sync in another process and SIGKILLs it once it has stored `batches` batches of products. */
function syncAndKill(shop: string, batches: number): Promise<{ killedAfter: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/sync-child.ts", shop], {
      cwd: root,
      env: { ...process.env, SHOPIFY_API_ORIGIN: served.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const seen: string[] = [];
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        seen.push(line);
        if (seen.filter((l) => l.startsWith("batch products")).length === batches) child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ killedAfter: seen });
      else reject(new Error(`the sync process ended on its own (code ${code}) before it was killed:\n${errors}`));
    });
  });
}

describe("a sync process killed mid-run", () => {
  it("GIVEN the process is SIGKILLed while storing products WHEN the sync runs again THEN it takes over the run, resumes from the checkpoint and ends equal, without duplicates", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 80, customers: 6, orders: 10, seed: 21 });

    const { killedAfter } = await syncAndKill(domain, 3);
    const left = await db.syncRun.findFirstOrThrow({ where: { shop: domain } });
    expect(killedAfter.at(-1)).toMatch(/^batch products \d+$/);
    expect(left.status).toBe("running");
    expect(left.phase).toBe("products");
    expect(left.linesDone).toBeGreaterThanOrEqual(30);
    const exportsBefore = [...fake.bulk.operations.values()].filter((op) => op.shop === domain).length;

    // The dead runner's one-second lease lapses; then anyone may take the run over.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const resumed = await runFullSync(db, domain, { pollMs: 5, maxPollMs: 20, trigger: "resume" });

    expect(resumed).toMatchObject({ status: "completed", runId: left.id });
    // The products export was read on from the checkpoint, not requested again.
    expect([...fake.bulk.operations.values()].filter((op) => op.shop === domain).length - exportsBefore).toBe(2);
    expect(await db.syncRun.count({ where: { shop: domain } })).toBe(1);
    expect(await db.product.count({ where: { shop: domain } })).toBe(80);
    await expectSyncedEqual(domain, fakeShop);
  }, 90_000);
});
