import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide } from "~/assistant/dialogue";
import { builtInClassifier, understand } from "~/assistant/understand.server";
import { buildCatalogVocabulary } from "~/assistant/nlu/entities";
import { loader as shopLoader } from "~/routes/apps.assistant.shop";
import { chatGet, chatPost, openChat } from "../support/chat";
import { useFakeShopify } from "../support/fake-shopify";
import { installShop } from "../support/install";
import { proxyRequest } from "../support/requests";

/**
 * Property-based fuzzing of every storefront endpoint and of the message parsers: any
 * body, any query, any text gives a 2xx or a 4xx with a message (never a 5xx, never a
 * throw) within a bounded time.
 */

const fake = useFakeShopify();
const ENDPOINTS = ["session", "messages", "feedback", "events", "preferences", "handoff-email"] as const;
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const BOUND_MS = 5_000;

/** Arbitrary JSON, plus bodies shaped like the real ones with hostile values. */
function bodies(real: { conversationId: string; visitorToken: string }) {
  const hostile = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 1200 }),
    fc.constantFrom("", " ", "\u0000", "<script>alert(1)</script>", "a".repeat(1001), "__proto__", "constructor"),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 4 }),
  );
  const shaped = fc.record(
    {
      conversationId: fc.oneof(fc.constant(real.conversationId), hostile),
      visitorToken: fc.oneof(fc.constant(real.visitorToken), hostile),
      idempotencyKey: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), hostile),
      text: hostile,
      email: hostile,
      messageId: hostile,
      value: fc.oneof(fc.constantFrom("up", "down", null), hostile),
      rating: fc.oneof(fc.integer({ min: -5, max: 10 }), hostile),
      trackingOff: fc.oneof(fc.boolean(), hostile),
      consent: fc.oneof(fc.boolean(), hostile),
      locale: hostile,
      page: fc.oneof(fc.record({ type: hostile, productId: hostile }), hostile),
      cart: fc.oneof(fc.record({ productIds: hostile, itemCount: hostile }), hostile),
      events: fc.oneof(
        fc.array(fc.record({ type: fc.oneof(fc.constantFrom("view", "add_to_cart"), hostile), productId: hostile }), {
          maxLength: 60,
        }),
        hostile,
      ),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    shaped.map((b) => JSON.stringify(b)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
  );
}

describe("fuzzing the storefront endpoints", () => {
  it.each(ENDPOINTS)(
    "GIVEN any body WHEN posted to /apps/assistant/%s THEN the answer is 2xx or 4xx with a message, in bounded time",
    async (endpoint) => {
      const { domain } = await installShop(fake);
      const real = await openChat({ shop: domain });
      let n = 0;
      await fc.assert(
        fc.asyncProperty(bodies(real), async (body) => {
          const started = performance.now();
          // A different address per run, so the address bucket does not end the fuzzing early.
          const response = await chatPost(endpoint, body, { shop: domain, ip: `198.51.${n >> 8}.${n++ & 255}` });
          expect(performance.now() - started).toBeLessThan(BOUND_MS);
          expect(response.status, JSON.stringify(response.json)).toBeLessThan(500);
          if (response.status >= 400) expect(typeof response.json.error.message).toBe("string");
        }),
        { numRuns: RUNS },
      );
    },
    120_000,
  );

  it("GIVEN any query WHEN polling /apps/assistant/messages or asking /apps/assistant/shop THEN never a 5xx", async () => {
    const { domain } = await installShop(fake);
    const real = await openChat({ shop: domain });
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("conversation", "visitor", "after", "x"), fc.string({ maxLength: 80 })),
        fc.boolean(),
        async (query, useReal) => {
          const q = useReal ? { conversation: real.conversationId, visitor: real.visitorToken, ...query } : query;
          const history = await chatGet("messages", q, { shop: domain });
          expect(history.status).toBeLessThan(500);
          const info = await shopLoader({
            request: proxyRequest(`/apps/assistant/shop?${new URLSearchParams(q)}`, { shop: domain }),
            params: {},
            context: {},
          });
          expect(info.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("GIVEN a body over the size limit, with or without a truthful Content-Length THEN every endpoint answers 413 with a message", async () => {
    const { domain } = await installShop(fake);
    const big = JSON.stringify({ text: "x".repeat(20_000) });
    for (const endpoint of ENDPOINTS) {
      for (const headers of [{}, { "Content-Length": "10" }] as Record<string, string>[]) {
        const response = await chatPost(endpoint, big, { shop: domain, headers });
        expect(response.status, endpoint).toBe(413);
        expect(response.json.error.message).toMatch(/too long/);
      }
    }
  });
});

describe("fuzzing the message parsers", () => {
  const classifier = builtInClassifier();
  const vocabulary = buildCatalogVocabulary({
    productTypes: ["Mug", "Scarf"],
    vendors: ["Acme", "Knits"],
    tags: ["kitchen", "winter"],
    productTitles: [
      { id: "1", title: "Blue Ceramic Mug" },
      { id: "2", title: "Red Wool Scarf" },
    ],
  });
  const states = fc.constantFrom(
    {},
    { pending: { kind: "order_number" } },
    { pending: { kind: "order_email", data: { orderNumber: "1001" } } },
    { pending: { kind: "clarify", data: { options: ["returns_refunds", "cancel_order"] } } },
    { lastProducts: ["1", "2"], misunderstandings: 2 },
  );
  const texts = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 2500 }),
    fc
      .array(
        fc.constantFrom(
          "order",
          "#1001",
          "1001",
          "pat@example.com",
          "@",
          ".",
          "+44 7700 900461",
          "the second one",
          "under £20",
          "blue",
          "mug",
          "to France",
          "refund",
          "??",
          "\u200b",
          "😀",
          " ",
        ),
        { maxLength: 300 },
      )
      .map((parts) => parts.join(" ")),
  );

  it("GIVEN any text in any dialogue state THEN understanding and deciding never throw and stay fast", () => {
    fc.assert(
      fc.property(texts, states, (text, state) => {
        const started = performance.now();
        const understood = understand(classifier, vocabulary, text, state as never);
        const decision = decide(understood, state as never);
        expect(performance.now() - started).toBeLessThan(1_000);
        expect(typeof decision.kind).toBe("string");
        for (const email of understood.entities.emails) expect(email).toContain("@");
      }),
      { numRuns: RUNS * 10 },
    );
  });
});
