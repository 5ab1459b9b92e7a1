import { describe, expect, it } from "vitest";
import type { AssistantReply, ConversationState, ProductCard } from "../../app/assistant/contract";
import type { FakeProduct } from "../../tests/fake-shopify/store";
import { cheaperThanShown, says, showsProducts } from "./checks";
import { addBusinessDays } from "./dev";
import { describeResult, duplicateIds, rate, runScripts, summarize, type Responder } from "./harness";
import type { Script, World } from "./types";

function product(id: number, title: string, price: string, colour?: string): FakeProduct {
  return {
    id: `gid://shopify/Product/${id}`,
    title,
    handle: `p-${id}`,
    descriptionHtml: `<p>${title}.</p>`,
    vendor: "Demo Gift Shop",
    productType: "Kitchen & Dining",
    tags: colour ? [colour] : [],
    status: "ACTIVE",
    publishedOnlineStore: true,
    options: [],
    images: [],
    collectionIds: [],
    variants: [
      {
        id: `gid://shopify/ProductVariant/${id}`,
        title: "Default Title",
        sku: null,
        price,
        compareAtPrice: null,
        availableForSale: true,
        inventoryQuantity: 5,
        selectedOptions: [{ name: "Title", value: "Default Title" }],
        updatedAt: "2026-01-01T00:00:00Z",
      },
    ],
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  };
}

const redMug = product(1, "Red Retrospot Mug", "2.95", "red");
const blueMug = product(2, "Blue Polkadot Mug", "1.65", "blue");
const teapot = product(3, "Regency Teapot", "9.95");
const products = [redMug, blueMug, teapot];
const world: World = {
  products,
  byId: new Map(products.map((p) => [p.id, p])),
  orders: [],
  customers: [],
  policies: [],
  shop: {
    name: "Demo Gift Shop",
    currency: "GBP",
    timezone: "Europe/London",
    contactEmail: "help@demo-gift-shop.example",
  },
  now: new Date("2026-12-04T12:00:00Z"),
};

const card = (p: FakeProduct): ProductCard => ({
  productId: p.id,
  title: p.title,
  url: null,
  imageUrl: null,
  imageAlt: null,
  price: { amount: p.variants[0].price, currencyCode: "GBP" },
  compareAtPrice: null,
  available: true,
  variants: [],
});

const reply = (text: string, shown: FakeProduct[] = []): AssistantReply => ({
  text,
  intent: "product_search",
  confidence: 0.9,
  resolved: true,
  products: shown.map(card),
});

/** A responder from a table of answers; it records the state each turn was given. */
function responder(answers: Record<string, AssistantReply>, seen: ConversationState[] = []): Responder {
  return async ({ text, state }) => {
    seen.push(state);
    const answer = answers[text];
    if (!answer) throw new Error(`no answer for ${text}`);
    return { reply: answer, state: { ...state, turns: ((state.turns as number) ?? 0) + 1 } };
  };
}

const mugs: Script = {
  id: "products/mugs",
  category: "products",
  turns: [
    { say: "mugs", expect: [showsProducts(1)], constraints: { titleIncludes: ["mug"] } },
    { say: "cheaper ones", expect: [cheaperThanShown()], constraints: { titleIncludes: ["mug"] } },
  ],
};

describe("runScripts", () => {
  it("GIVEN every check passing THEN the conversation passes, and each turn gets the state the last one left", async () => {
    const seen: ConversationState[] = [];
    const [result] = await runScripts(
      [{ script: mugs, set: "dev" }],
      world,
      responder({ mugs: reply("Mugs:", [redMug, blueMug]), "cheaper ones": reply("Cheaper:", [blueMug]) }, seen),
    );
    expect(result.passed).toBe(true);
    expect(seen).toEqual([{}, { turns: 1 }]);
  });

  it("GIVEN a check that reads earlier replies WHEN the follow-up is not cheaper THEN the conversation fails with the check's words", async () => {
    const [result] = await runScripts(
      [{ script: mugs, set: "dev" }],
      world,
      responder({ mugs: reply("Mugs:", [blueMug]), "cheaper ones": reply("Cheaper:", [redMug]) }),
    );
    expect(result.passed).toBe(false);
    expect(result.turns[0].failures).toEqual([]);
    expect(result.turns[1].failures).toEqual(['cards not cheaper than 1.65: ["Red Retrospot Mug"]']);
  });

  it("GIVEN a card that breaks the stated constraints THEN the turn fails and every such card counts as a violation", async () => {
    const script: Script = {
      id: "products/red-mug-under-2",
      category: "products",
      turns: [
        { say: "red mug under £2", expect: [], constraints: { colour: "red", priceMax: 2, titleIncludes: ["mug"] } },
      ],
    };
    const results = await runScripts(
      [{ script, set: "dev" }],
      world,
      responder({ "red mug under £2": reply("Here:", [redMug, blueMug, teapot]) }),
    );
    expect(results[0].passed).toBe(false);
    expect(results[0].turns[0].violations).toEqual([
      "Red Retrospot Mug: price 2.95 above 2",
      "Blue Polkadot Mug: not red",
      "Regency Teapot: price 9.95 above 2",
    ]);
    expect(summarize(results).constraintViolations).toBe(3);
  });

  it("GIVEN the responder throws THEN the conversation fails at that turn and the later turns are not run", async () => {
    const [result] = await runScripts([{ script: mugs, set: "dev" }], world, responder({}));
    expect(result.passed).toBe(false);
    expect(result.turns).toHaveLength(0);
    expect(result.error).toEqual({ say: "mugs", message: "no answer for mugs" });
    expect(describeResult(result).join("\n")).toContain("the assistant threw: no answer for mugs");
  });

  it("GIVEN a check that throws THEN the turn fails with that, instead of the run stopping", async () => {
    const script: Script = {
      id: "small_talk/hi",
      category: "small_talk",
      turns: [
        {
          say: "hi",
          expect: [
            () => {
              throw new Error("boom");
            },
          ],
        },
      ],
    };
    const [result] = await runScripts([{ script, set: "dev" }], world, responder({ hi: reply("Hi!") }));
    expect(result.turns[0].failures).toEqual(["the check threw: boom"]);
  });
});

describe("summarize", () => {
  it("GIVEN results of both sets THEN counts per set and category, rates cut (never rounded up) to three decimals", async () => {
    const hello = (id: string, text: string): Script => ({
      id,
      category: "small_talk",
      turns: [{ say: text, expect: [says("Hi")] }],
    });
    const results = await runScripts(
      [
        { script: hello("a", "hi"), set: "dev" },
        { script: hello("b", "hi"), set: "dev" },
        { script: hello("c", "yo"), set: "dev" },
        { script: mugs, set: "held-out" },
      ],
      world,
      responder({
        hi: reply("Hi!"),
        yo: reply("What?"),
        mugs: reply("Mugs:", [redMug]),
        "cheaper ones": reply("Cheaper:", [blueMug]),
      }),
    );
    expect(summarize(results)).toEqual({
      conversations: 4,
      passed: 3,
      dev: { conversations: 3, passed: 2, rate: 0.666 },
      heldOut: { conversations: 1, passed: 1, rate: 1 },
      byCategory: { products: { conversations: 1, passed: 1 }, small_talk: { conversations: 3, passed: 2 } },
      constraintViolations: 0,
    });
  });

  it("GIVEN no conversations in a set THEN its rate is null, not a made-up figure", () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(197, 200)).toBe(0.985);
    expect(rate(149, 150)).toBe(0.993);
  });

  it("GIVEN two scripts with one id THEN the duplicate is reported", () => {
    expect(duplicateIds([mugs, { ...mugs }, { ...mugs, id: "other" }])).toEqual(["products/mugs"]);
  });
});

describe("addBusinessDays (the dev set's own delivery calculator)", () => {
  it("GIVEN a Friday THEN the weekend is skipped", () => {
    expect(addBusinessDays("2026-12-04", 1)).toBe("2026-12-07");
    expect(addBusinessDays("2026-12-04", 4)).toBe("2026-12-10");
  });

  it("GIVEN a Saturday THEN counting starts on Monday", () => {
    expect(addBusinessDays("2026-12-05", 2)).toBe("2026-12-08");
  });

  it("GIVEN fourteen business days THEN two weekends are skipped", () => {
    expect(addBusinessDays("2026-11-10", 14)).toBe("2026-11-30");
  });
});
