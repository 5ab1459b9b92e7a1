import { beforeAll, describe, expect, it } from "vitest";
import { buildCatalogIndex } from "../catalog/search";
import type { CatalogSnapshot } from "../catalog/snapshot.server";
import { faqPassage, policyPassages, type Passage } from "../knowledge/passages";
import { buildKnowledgeIndex } from "../knowledge/retrieval";
import type { KnowledgeSnapshot } from "../knowledge/store.server";
import { catalogProduct } from "../../tests/factories/catalog-products";
import { demoPolicies } from "../../tests/factories/demo-store";
import { answerKnowledge, type AnswerContext } from "./answers.server";
import type { ConversationState } from "./contract";
import { builtInClassifier } from "./understand.server";
import { assistantConversation } from "../../tests/support/assistant-chat";
import { installSyncedDemoShop } from "../../tests/support/demo-shop";
import { useFakeShopify } from "../../tests/support/fake-shopify";

/**
 * Policy answers as the shopper gets them: the passage that answers, quoted, with its
 * section as the source; a destination the shop does not list said plainly; a person offered
 * when nothing answers.
 */

const policies = demoPolicies("demo.myshopify.com");
const mug = catalogProduct({ title: "Retrospot Tea Mug", productType: "Kitchen & Dining", price: 4.5 });
const candle = catalogProduct({ title: "Vanilla Scented Candle", productType: "Candles & Lights", price: 3.25 });
const products = [mug, candle];
const catalog: CatalogSnapshot = {
  shop: "demo.myshopify.com",
  products,
  byId: new Map(products.map((p) => [p.id, p])),
  index: buildCatalogIndex(products),
  productTypes: [...new Set(products.map((p) => p.productType))],
  vendors: ["Demo Gift Shop"],
  tags: [],
  version: "1",
  loadedAt: 0,
};

function knowledgeOf(passages: Passage[]): KnowledgeSnapshot {
  return {
    passages,
    index: buildKnowledgeIndex(passages),
    policyUrls: new Map(policies.map((p) => [p.type, { title: p.title, url: p.url }])),
    version: "1",
  };
}
const demoKnowledge = knowledgeOf(policies.flatMap(policyPassages));

function context(state: ConversationState = {}, knowledge = demoKnowledge): AnswerContext {
  return {
    shop: {
      name: "Demo Gift Shop",
      currency: "GBP",
      locale: "en-GB",
      contactEmail: "help@demo-gift-shop.example",
      timezone: "Europe/London",
      storefrontOrigin: "https://demo.myshopify.com",
    },
    catalog,
    knowledge,
    state,
  };
}

const ask = (
  intent: string,
  query: string,
  emphasize: string[] = [],
  ctx = context(),
  productId: string | null = null,
) => answerKnowledge({ kind: "knowledge", intent, query, emphasize, productId }, ctx);

describe("policy answers", () => {
  it("GIVEN 'what does shipping to Australia cost?' THEN the Australia price, quoted from International delivery", () => {
    const { reply } = ask("shipping", "what does shipping to Australia cost?", ["Australia"]);
    expect(reply.text).toBe("Australia: 8-14 business days, £17.95.");
    expect(reply.sources).toEqual([
      { title: "Shipping policy: International delivery", url: "https://demo.myshopify.com/policies/shipping-policy" },
    ]);
    expect(reply.resolved).toBe(true);
    expect(reply.handoff).toBeUndefined();
  });

  it("GIVEN 'how much does it cost to ship to germany?' THEN the EU price and not the UK's", () => {
    const { reply } = ask("shipping", "how much does it cost to ship to germany?", ["Germany"]);
    expect(reply.text).toContain("£9.95");
    expect(reply.text).not.toContain("£3.95");
  });

  it("GIVEN 'when do I get my money back?' THEN the Refunds section's 5 business days", () => {
    const { reply } = ask("returns_refunds", "when do I get my money back?");
    expect(reply.text).toMatch(/5 business days/);
    expect(reply.sources?.[0].title).toBe("Refund policy: Refunds");
    expect(reply.resolved).toBe(true);
  });

  it.each(["payment_methods", "discounts", "store_info", "account"])(
    "GIVEN 'is VAT included?' read as %s THEN the terms' 'Prices include UK VAT'",
    (intent) => {
      const decision: Parameters<typeof answerKnowledge>[0] =
        intent === "store_info"
          ? { kind: "store_info", query: "is VAT included?" }
          : { kind: "knowledge", intent, query: "is VAT included?", emphasize: [], productId: null };
      const { reply } = answerKnowledge(decision, context());
      expect(reply.text).toBe("Prices include UK VAT.");
      expect(reply.sources?.[0].title).toBe("Terms of service");
    },
  );

  it("GIVEN 'do you charge VAT?' read as payment_methods THEN the terms' sentence before the one on import duties", () => {
    const { reply } = ask("payment_methods", "do you charge VAT?");
    expect(reply.text).toBe("Prices include UK VAT.");
  });

  it("GIVEN 'do you ship to Japan?' THEN the list of where the shop ships, saying Japan is not in it, and a person offered", () => {
    const { reply } = ask("shipping", "do you ship to Japan?", ["Japan"]);
    expect(reply.text).toMatch(
      /^Japan is not among the places the shipping policy lists: "We ship to the United Kingdom,/,
    );
    expect(reply.text).not.toMatch(/£/);
    expect(reply.sources?.[0].title).toBe("Shipping policy: Where we ship");
    expect(reply.handoff).toEqual({ reason: "offered" });
  });

  it("GIVEN a destination asked about THEN a follow-up on shipping without one is answered for it", () => {
    const first = ask("shipping", "do you ship to France?", ["France"]);
    expect(first.reply.text).toMatch(/European Union/);
    const followUp = ask("shipping", "how much is delivery?", [], context(first.state));
    expect(followUp.reply.text).toContain("£9.95");
    // Without the earlier question the same words get the UK prices.
    expect(ask("shipping", "how much is delivery?").reply.text).toContain("£3.95");
  });

  it("GIVEN 'free shipping?' and 'can I exchange?' THEN the threshold and the Exchanges section", () => {
    expect(ask("shipping", "free shipping?").reply.text).toMatch(/free on orders over £40/);
    const exchange = ask("returns_refunds", "can I exchange?");
    expect(exchange.reply.sources?.[0].title).toBe("Refund policy: Exchanges");
    expect(exchange.reply.text).toMatch(/^We do not swap items directly/);
  });

  it("GIVEN a returns question naming a product the shop sells THEN the general returns rule, about that product", () => {
    const { reply } = ask("returns_refunds", "can I return a mug?", [], context(), mug.id);
    expect(reply.text).toMatch(new RegExp(`^About ${mug.title}: You can return most items within 30 days`));
  });

  it("GIVEN a question no section answers THEN it says so, names the policy and offers a person", () => {
    // Gift wrapping is neither in this shop's policies nor in its catalog: said so, by name.
    const { reply } = ask("discounts", "do you offer gift wrapping?");
    expect(reply.text).toBe(
      `The shop's policies and FAQ don't say anything about gift wrapping. Would you like me to ask a person?`,
    );
    expect(reply.resolved).toBe(false);
    expect(reply.handoff).toEqual({ reason: "offered" });
    const payment = ask("payment_methods", "what payment methods do you accept?");
    expect(payment.reply.resolved).toBe(false);
    expect(payment.reply.text).toBe(
      "I couldn't find that in the shop's terms of service. Would you like me to ask a person?",
    );
  });

  it("GIVEN a question about something no policy mentions THEN not the nearest passage but that the policies don't say", () => {
    for (const [intent, question, word] of [
      ["shipping", "do you deliver on saturdays", "saturdays"],
      ["payment_methods", "can i pay with paypal", "paypal"],
    ] as const) {
      const { reply } = ask(intent, question);
      expect(reply.text, question).toContain(`don't say anything about "${word}"`);
      expect(reply.handoff).toEqual({ reason: "offered" });
    }
    // A greeting is no topic: the question is still answered.
    expect(ask("returns_refunds", "hiya how long do refunds take").reply.text).toMatch(/5 business days/);
  });

  it("GIVEN a merchant FAQ entry that answers THEN it is quoted before the policy", () => {
    const knowledge = knowledgeOf([
      ...policies.flatMap(policyPassages),
      faqPassage({ id: "1", question: "Do you charge for returns?", answer: "No, returns are free within the UK." }),
    ]);
    const { reply } = ask("returns_refunds", "do you charge for returns?", [], context({}, knowledge));
    expect(reply.text).toBe("No, returns are free within the UK.");
    expect(reply.sources?.[0].title).toBe("FAQ");
  });

  it("GIVEN where the shop is THEN its address from the contact information", () => {
    const { reply } = answerKnowledge({ kind: "store_info", query: "where are you based?" }, context());
    expect(reply.text).toMatch(/12 Market Street, Bristol/);
    expect(reply.sources?.[0].title).toBe("Contact information");
  });
});

describe("policy questions in the shopper's words, through the whole assistant", () => {
  const fake = useFakeShopify();
  let shop: string;
  beforeAll(async () => {
    shop = (await installSyncedDemoShop(fake)).domain;
    builtInClassifier();
  }, 120_000);
  const chat = () => assistantConversation(() => shop);
  const duties = "Import duties and taxes outside the UK are paid by the recipient.";

  it("GIVEN paraphrases of shipping, returns, damage and customs THEN each the passage that answers it", async () => {
    const cases: [string, RegExp, string][] = [
      ["postage to france?", /£9\.95/, "Shipping policy: International delivery"],
      ["is postage free if i spend over 30 quid", /free on orders over £40/, "Shipping policy: UK delivery"],
      ["if i change my mind can i send it back", /within 30 days/, "Refund policy: Returns"],
      ["what do i do if my order turns up broken", /within 14 days/, "Refund policy: Damaged or wrong items"],
      ["will i get charged customs sending to ireland", new RegExp(duties), "Shipping policy: International delivery"],
    ];
    for (const [message, answer, source] of cases) {
      const reply = await chat().say(message);
      expect(reply.text, message).toMatch(answer);
      expect(reply.sources?.[0].title, message).toBe(source);
      expect(reply.resolved, message).toBe(true);
      expect(reply.products ?? [], message).toEqual([]);
    }
  });

  it("GIVEN a policy question in everyday words the classifier misreads THEN the passage, never a search or a refusal", async () => {
    const cases: [string, RegExp, string][] = [
      ["do prices have tax on top or is it included", /Prices include UK VAT/, "Terms of service"],
      ["once u get my return back how long til i see the money", /within 5 business days/, "Refund policy: Refunds"],
      ["if i order b4 1pm can i get it tomorrow? how much is that", /£6\.95/, "Shipping policy: UK delivery"],
      [
        "how much is shipping to aus",
        /Australia: 8-14 business days, £17\.95/,
        "Shipping policy: International delivery",
      ],
      ["what if it breaks", /within 14 days/, "Refund policy: Damaged or wrong items"],
    ];
    for (const [message, answer, source] of cases) {
      const reply = await chat().say(message);
      expect(reply.text, message).toMatch(answer);
      expect(reply.sources?.[0].title, message).toMatch(new RegExp(`^${source}`));
      expect(reply.products ?? [], message).toEqual([]);
    }
  });

  it("GIVEN two questions in one message THEN both passages, each with its source", async () => {
    const reply = await chat().say("how long have i got to send stuff back? and do i get the postage refunded");
    expect(reply.text).toMatch(/within 30 days/);
    expect(reply.text).toMatch(/Shipping costs are refunded only when/);
    expect(reply.sources?.map((s) => s.title)).toEqual(["Refund policy: Returns", "Refund policy: Refunds"]);
  });

  it("GIVEN a shipping answer THEN a follow-up with pronouns and money is about the same place or the same question", async () => {
    const swiss = chat();
    await swiss.say("do u deliver to switzerland");
    const customs = await swiss.say("how much and will my friend there have to pay customs on it");
    expect(customs.text).toContain("£9.95");
    expect(customs.text).toContain(duties);
    const free = chat();
    await free.say("is delivery free");
    const spend = await free.say("what if i spend 30 quid");
    expect(spend.text).toMatch(/£3\.95, free on orders over £40/);
    expect(spend.products ?? []).toEqual([]);
  });

  it("GIVEN 'postage to france?' THEN 'and canada?' asks the same of Canada and 'how long would that take' its time", async () => {
    const conversation = chat();
    expect((await conversation.say("postage to france?")).text).toContain("£9.95");
    const canada = await conversation.say("and canada?");
    expect(canada.text).toContain("£14.95");
    expect(canada.intent).toBe("shipping");
    expect(canada.handoff).toBeUndefined();
    const time = await conversation.say("how long would that take");
    expect(time.text).toContain("6-10 business days");
    expect(time.sources?.[0].title).toBe("Shipping policy: International delivery");
    expect(time.products ?? []).toEqual([]);
  });

  it("GIVEN a shipping answer THEN a country named alone is the same question for it", async () => {
    const conversation = chat();
    expect((await conversation.say("how much is shipping to australia?")).text).toContain("£17.95");
    expect((await conversation.say("canada?")).text).toContain("£14.95");
    const ireland = await conversation.say("and ireland");
    expect(ireland.text).toContain("£9.95");
    expect(ireland.handoff).toBeUndefined();
    const time = await conversation.say("how long would that take?");
    expect(time.text).toContain("4-8 business days");
  });

  it("GIVEN a product question after a shipping answer THEN a search, not a shipping follow-up", async () => {
    const conversation = chat();
    await conversation.say("postage to france?");
    const reply = await conversation.say("do you have any candles?");
    expect(reply.products?.length ?? 0).toBeGreaterThan(0);
  });
});
