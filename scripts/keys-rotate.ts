// npm run keys:rotate — re-seals every encrypted value under the first key of
// ENCRYPTION_KEYS (app/privacy/rotate.server.ts). Batched, resumable and idempotent: run
// it again after an interruption; keep the old keys configured until it has finished.
// Prints progress, then one JSON line: {"keyId":…,"rotated":{table: n},"total":n}.
import { db } from "../app/db.server";
import { keyRing } from "../app/privacy/keys.server";
import { rotateKeys } from "../app/privacy/rotate.server";

const batchSize = Number(process.argv.find((a) => a.startsWith("--batch="))?.slice("--batch=".length) ?? 200);
try {
  const report = await rotateKeys(db, keyRing, {
    batchSize,
    onBatch: (table, count) => process.stderr.write(`${table}: ${count} re-sealed\n`),
  });
  console.log(JSON.stringify(report));
} finally {
  await db.$disconnect();
}
