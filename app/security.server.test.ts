import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { encrypt } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import { llmProvider } from "~/settings/definitions.server";
import { writeSetting } from "~/settings/store.server";
import { addDocumentResponseHeaders } from "~/shopify.server";
import { loader as shopInfo } from "~/routes/apps.assistant.shop";
import { startFakeLlm, type FakeLlm } from "../tests/fake-llm/server";
import { chatPost, idempotencyKey, openChat } from "../tests/support/chat";
import { TEST_API_SECRET, TEST_ENCRYPTION_KEYS, TEST_LOOKUP_HASH_KEY } from "../tests/support/constants";
import { useFakeShopify } from "../tests/support/fake-shopify";
import { installShop } from "../tests/support/install";
import { adminRequest, call, proxyRequest } from "../tests/support/requests";

const fake = useFakeShopify();
type Handler = (args: unknown) => Promise<unknown>;
const adminRoutes = import.meta.glob<{ loader?: Handler }>(["./routes/app*.tsx", "!./routes/*.test.tsx"], {
  eager: true,
});

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

describe("the embedded admin's headers", () => {
  it("GIVEN a document response for /app WHEN the app adds its headers THEN the CSP lets only the shop's admin and admin.shopify.com frame it", async () => {
    const shop = "frame-test.myshopify.com";
    const headers = new Headers();
    addDocumentResponseHeaders(new Request(`https://assistant.test/app?shop=${shop}&embedded=1&host=x`), headers);

    const csp = headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain(`frame-ancestors https://${shop} https://admin.shopify.com`);
    // Beyond those two, only Shopify's own admin hosts (the library's list), nothing else.
    const hosts = csp
      .replace(/^frame-ancestors\s+/, "")
      .replace(/;$/, "")
      .split(/\s+/);
    for (const host of hosts) {
      expect(host).toMatch(
        /^https:\/\/(frame-test\.myshopify\.com|admin\.shopify\.com|\*\.spin\.dev|admin\.myshopify\.io|admin\.shop\.dev)$/,
      );
    }
  });
});

describe("secrets", () => {
  it("GIVEN a shop whose language-model key is stored and whose model fails WHEN shoppers chat and the admin pages load THEN the key, the app secret and the encryption keys appear in no response and no log line", async () => {
    const API_KEY = "mk-live-7d1f0c3a9b2e4f6a8c0e";
    const { domain } = await installShop(fake);
    await writeSetting(db, domain, llmProvider, {
      enabled: true,
      baseUrl: llm.url,
      model: "fake-model",
      apiKeySealed: encrypt(keyRing, API_KEY),
      timeoutMs: 1500,
    });
    llm.script(() => ({ status: 401 }));

    // Everything written to stdout and stderr while the flow runs.
    const written: string[] = [];
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return stdout(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return stderr(chunk, ...rest);
    }) as typeof process.stderr.write;
    const bodies: string[] = [];
    try {
      const session = await openChat({ shop: domain });
      const sent = await chatPost(
        "messages",
        { ...session, idempotencyKey: idempotencyKey(), text: "Do you ship to Spain?" },
        { shop: domain },
      );
      expect(sent.status).toBe(200);
      bodies.push(JSON.stringify(sent));
      bodies.push(
        await (
          await shopInfo({ request: proxyRequest("/apps/assistant/shop", { shop: domain }), params: {}, context: {} })
        ).text(),
      );
      for (const [file, route] of Object.entries(adminRoutes)) {
        if (!route.loader) continue;
        const result = await call(route.loader, adminRequest("/app", { shop: domain }));
        bodies.push(file, result instanceof Response ? await result.text() : JSON.stringify(result));
      }
    } finally {
      process.stdout.write = stdout;
      process.stderr.write = stderr;
    }

    // The model was called with the key (so it was really in use), and failed.
    expect(llm.authorizations.at(-1)).toBe(`Bearer ${API_KEY}`);
    const out = bodies.join("\n") + written.join("");
    for (const secret of [API_KEY, TEST_API_SECRET, TEST_ENCRYPTION_KEYS.split(":")[1], TEST_LOOKUP_HASH_KEY]) {
      expect(out.includes(secret), secret).toBe(false);
    }
    const stored = await db.shopSetting.findFirstOrThrow({ where: { shop: domain, key: "assistant.llm" } });
    expect(stored.value).not.toContain(API_KEY);
  });
});
