/**
 * A separate process that runs a full sync of one shop and reports each stored batch on
 * stdout, so a test can kill it with SIGKILL in the middle (app/sync/kill.server.test.ts).
 * It reaches the test's fake Shopify over HTTP through SHOPIFY_API_ORIGIN and writes to
 * the test's database (DATABASE_URL), both given by the parent.
 *
 * usage: node --import tsx tests/support/sync-child.ts <shop>
 */
import { db } from "../../app/db.server";
import { runFullSync } from "../../app/sync/full-sync.server";

const shop = process.argv[2];
if (!shop) throw new Error("usage: sync-child.ts <shop>");

await runFullSync(db, shop, {
  pollMs: 5,
  maxPollMs: 20,
  batchLines: 10,
  // A short lease, so the test's restart may take the run over soon after the kill.
  leaseMs: 1_000,
  onProgress: (progress) => {
    if (progress.linesDone > 0) process.stdout.write(`batch ${progress.phase} ${progress.linesDone}\n`);
  },
});
process.stdout.write("done\n");
