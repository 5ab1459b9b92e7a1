import { copyFileSync, existsSync } from "node:fs";
import { inject } from "vitest";
import {
  TEST_API_KEY,
  TEST_API_SECRET,
  TEST_APP_URL,
  TEST_ENCRYPTION_KEYS,
  TEST_LOOKUP_HASH_KEY,
} from "../support/constants";

// Runs in each test file before it imports anything of the app: the environment the
// app validates at start-up, and this worker's own database.
const provided = inject("databaseUrl");
if (provided.startsWith("file:")) {
  const template = provided.slice("file:".length);
  const own = template.replace(/template\.sqlite$/, `worker-${process.env.VITEST_POOL_ID ?? "0"}.sqlite`);
  if (!existsSync(own)) copyFileSync(template, own);
  process.env.DATABASE_URL = `file:${own}`;
} else {
  process.env.DATABASE_URL = provided;
}

Object.assign(process.env, {
  NODE_ENV: "test",
  SHOPIFY_API_KEY: TEST_API_KEY,
  SHOPIFY_API_SECRET: TEST_API_SECRET,
  SHOPIFY_APP_URL: TEST_APP_URL,
  SCOPES: "read_products,read_customers,read_orders,read_legal_policies,read_translations",
  ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
  LOOKUP_HASH_KEY: TEST_LOOKUP_HASH_KEY,
});
delete process.env.SHOPIFY_API_ORIGIN;
delete process.env.REDIS_URL;
