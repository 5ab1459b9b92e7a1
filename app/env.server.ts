import { existsSync } from "node:fs";
import { z } from "zod";

/**
 * The environment, validated once when the server starts. A missing or malformed
 * variable stops the process with a message naming it and saying what it is for,
 * instead of failing later inside a request.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z
    .string({ error: "is required: the app's client id (Partner Dashboard → your app → Client credentials)" })
    .min(1, "must not be empty"),
  SHOPIFY_API_SECRET: z
    .string({ error: "is required: the app's client secret (Partner Dashboard → your app → Client credentials)" })
    .min(1, "must not be empty"),
  SHOPIFY_APP_URL: z.url({
    error: "must be the app's public https URL (what `shopify app dev` or your host gives you)",
  }),
  SCOPES: z
    .string({ error: "is required: the comma-separated access scopes, as in shopify.app.toml" })
    .min(1, "must not be empty"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with "file:" (SQLite) or "postgres://" (PostgreSQL)')
    .default("file:./prisma/dev.sqlite"),
  // Personal data is encrypted at rest (app/privacy/crypto.server.ts). Generate with
  // `npm run keys:new`; the first key seals new values, the others only open old ones.
  ENCRYPTION_KEYS: z
    .string({ error: 'is required: "k1:<base64 of 32 random bytes>" (run `npm run keys:new`)' })
    .regex(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44})*$/, {
      error: 'must look like "k1:<base64 of 32 bytes>[,k0:<older key>]" (run `npm run keys:new`)',
    }),
  LOOKUP_HASH_KEY: z
    .string({ error: "is required: base64 of 32 random bytes for lookup hashes (run `npm run keys:new`)" })
    .min(43, "must be base64 of at least 32 bytes"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with "redis://" or "rediss://"')
    .optional(),
  // Keeps this deployment's Redis keys (jobs, rate limits) apart on a shared Redis.
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, "must be letters, digits, - or _")
    .default("assistant"),
  // Chat messages a second one instance answers within the latency goal, if measured on
  // this deployment's hardware (`npm run bench:server`); sizes the shop-wide default limit.
  CHAT_SEND_CAPACITY: z.coerce.number().int().positive("must be a positive whole number").optional(),
  // Outbound mail (the merchant's "a shopper is waiting" email). Unset: no email is sent
  // and the inbox page says so. smtp://user:pass@host:587 or smtps://...:465.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with "smtp://" or "smtps://", such as smtp://user:password@mail.example.com:587')
    .optional(),
  // The From of that mail; defaults to no-reply at the app's host.
  SMTP_FROM: z.string().min(3, "must be an address, such as Storefront assistant <alerts@example.com>").optional(),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  // Where Shopify's APIs are reached. Unset in a real deployment; the demo and the tests
  // point it at the local fake Shopify so nothing leaves the machine.
  SHOPIFY_API_ORIGIN: z.url({ error: "must be a URL such as http://127.0.0.1:8181" }).optional(),
  // The App Bridge script the admin pages load. Unset means Shopify's CDN; the demo
  // serves a local stand-in because the machine it runs on may be offline.
  APP_BRIDGE_URL: z.url({ error: "must be the URL of an App Bridge script" }).optional(),
  PORT: z.coerce.number().int().positive().default(3000),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string in a .env file means "not set", not "set to nothing".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")} ${issue.message}`);
  throw new Error(`The environment is not valid:\n${lines.join("\n")}\nSee .env.example for every variable.`);
}

// A .env file beside package.json fills in what the environment does not set (local runs
// with `shopify app dev`, which provides only the Shopify variables). Tests set their own.
if (process.env.NODE_ENV !== "test" && existsSync(".env")) process.loadEnvFile(".env");

export const env: Env = parseEnv(process.env);
