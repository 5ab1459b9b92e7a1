/**
 * A separate process that reads one shop's bandit summaries from the test's database
 * (DATABASE_URL, given by the parent) and prints them as JSON, so a test can check that
 * what one process learned is stored, not only cached (app/experiments/bandit.server.test.ts).
 *
 * usage: node --import tsx tests/support/bandit-child.ts <shop>
 */
import { db } from "../../app/db.server";
import { banditSummaries } from "../../app/experiments/bandit.server";

const shop = process.argv[2];
if (!shop) throw new Error("usage: bandit-child.ts <shop>");

process.stdout.write(`${JSON.stringify(await banditSummaries(db, shop))}\n`);
await db.$disconnect();
