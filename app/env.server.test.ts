import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example",
  SCOPES: "read_products",
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
  LOOKUP_HASH_KEY: Buffer.alloc(32, 2).toString("base64"),
};

describe("environment validation", () => {
  it("GIVEN every required variable THEN defaults fill in the rest", () => {
    expect(parseEnv(valid)).toMatchObject({ DATABASE_URL: "file:./prisma/dev.sqlite", PORT: 3000 });
  });

  it("GIVEN a missing secret THEN the error names it and says where to find it", () => {
    const { SHOPIFY_API_SECRET: _omitted, ...rest } = valid;
    expect(() => parseEnv(rest)).toThrow(/SHOPIFY_API_SECRET is required: the app's client secret/);
  });

  it("GIVEN an empty value THEN it counts as missing", () => {
    expect(() => parseEnv({ ...valid, SHOPIFY_API_KEY: "" })).toThrow(/SHOPIFY_API_KEY is required/);
  });

  it("GIVEN a database URL of an unknown kind THEN the error says which kinds work", () => {
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://localhost/db" })).toThrow(
      /DATABASE_URL must start with "file:" \(SQLite\) or "postgres:\/\/" \(PostgreSQL\)/,
    );
  });

  it("GIVEN several problems THEN all are listed at once", () => {
    expect(() => parseEnv({ SHOPIFY_APP_URL: "not a url" })).toThrow(
      /SHOPIFY_API_KEY[\s\S]*SHOPIFY_API_SECRET[\s\S]*SHOPIFY_APP_URL must be the app's public https URL[\s\S]*SCOPES/,
    );
  });
});
