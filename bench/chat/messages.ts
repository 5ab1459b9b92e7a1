import type { FakeShop } from "../../tests/fake-shopify/store";
import { pick, seededRandom } from "../../tests/factories/random";

/**
 * Conversations a shop's assistant sees, as scripts of shopper messages: product searches
 * with prices and colours and their follow-ups, policy and shipping questions, order status
 * with verification, recommendations, small talk, a person, and out-of-scope questions.
 */

export interface Script {
  id: string;
  customerId: string | null;
  messages: string[];
}

const WORDS = [
  "mug",
  "lunch bag",
  "candle",
  "cushion",
  "t-shirt",
  "notebook",
  "lantern",
  "teapot",
  "scarf",
  "doormat",
  "clock",
  "vase",
];
const COLOURS = ["red", "blue", "green", "pink", "black", "navy"];
const COUNTRIES = ["France", "Germany", "the USA", "Australia", "Canada", "Spain"];

export function messageMix(shop: FakeShop, { turns, seed }: { turns: number; seed: number }): Script[] {
  const random = seededRandom(seed);
  const orders = [...shop.orders.values()].filter((o) => o.email);
  const scripts: Script[] = [];
  let count = 0;
  const makers: (() => Pick<Script, "messages" | "customerId">)[] = [
    () => ({
      customerId: null,
      messages: [
        `do you have any ${pick(random, COLOURS)} ${pick(random, WORDS)}s under £${10 + Math.floor(random() * 30)}?`,
        "anything cheaper?",
        "is the second one in stock?",
      ],
    }),
    () => ({
      customerId: null,
      messages: [`I'm looking for a ${pick(random, WORDS)}`, `in ${pick(random, COLOURS)}?`, "show me more"],
    }),
    () => ({ customerId: null, messages: ["how do I return an item?", "how long does a refund take?"] }),
    () => ({ customerId: null, messages: [`do you ship to ${pick(random, COUNTRIES)}?`, "how much is delivery?"] }),
    () => {
      const order = pick(random, orders);
      return { customerId: null, messages: [`where is my order ${order.name}?`, order.email!] };
    },
    () => {
      const order = pick(random, orders);
      return { customerId: order.customerId!.split("/").pop()!, messages: ["where is my order?"] };
    },
    () => ({ customerId: null, messages: ["hi", "what would you recommend as a gift?", "thanks!"] }),
    () => ({ customerId: null, messages: ["what's the weather like in Paris?", "can I speak to a person?"] }),
    () => ({ customerId: null, messages: ["what payment methods do you accept?", "do you have a discount code?"] }),
  ];
  while (count < turns) {
    const script = pick(random, makers)();
    const messages = script.messages.slice(0, turns - count);
    scripts.push({ id: `bench-${scripts.length}`, customerId: script.customerId, messages });
    count += messages.length;
  }
  return scripts;
}
