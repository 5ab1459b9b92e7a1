import { describe, expect, it } from "vitest";
import { demoPolicies } from "../../tests/factories/demo-store";
import { faqPassage, htmlToText, policyPassages } from "./passages";
import { buildKnowledgeIndex } from "./retrieval";

const passages = [
  ...demoPolicies("demo.myshopify.com").flatMap(policyPassages),
  faqPassage({
    id: "1",
    question: "Do you offer gift wrapping?",
    answer: "Yes: add gift wrap at checkout for £2.50 per order.",
  }),
  faqPassage({ id: "2", question: "Where is your shop?", answer: "We are online only; our studio is in Bristol." }),
];
const index = buildKnowledgeIndex(passages);
const top = (query: string, preferKinds: string[] = []) => index.search(query, { preferKinds })[0]?.passage;

describe("knowledge retrieval", () => {
  it("GIVEN policy HTML THEN passages keep their section heading and lose their tags", () => {
    const refund = policyPassages(demoPolicies("demo.myshopify.com")[0]);
    expect(refund[0]).toMatchObject({ heading: "Returns", kind: "REFUND_POLICY", sourceTitle: "Refund policy" });
    expect(refund[0].text).toMatch(/^You can return most items within 30 days/);
    expect(refund.every((p) => !/[<>]/.test(p.text))).toBe(true);
  });

  it("GIVEN a returns question THEN the refund policy passage that answers it ranks first", () => {
    expect(top("how many days do I have to return something?", ["REFUND_POLICY"])?.text).toMatch(/within 30 days/);
  });

  it("GIVEN questions about a country THEN the shipping passage that answers each ranks first", () => {
    expect(top("do you ship to Australia?", ["SHIPPING_POLICY"])?.heading).toBe("Where we ship");
    const hit = index.search("how long does delivery to Australia take", {
      preferKinds: ["SHIPPING_POLICY"],
      emphasize: ["Australia"],
    })[0];
    expect(hit.passage.text).toMatch(/Australia: 8-14 business days/);
  });

  it("GIVEN a question the merchant's FAQ answers THEN the FAQ entry wins, found by its question", () => {
    const hit = top("can you gift wrap my order");
    expect(hit?.kind).toBe("FAQ");
    expect(hit?.text).toMatch(/£2.50/);
  });

  it("GIVEN a misspelling THEN it still finds the passage", () => {
    expect(top("my order arrived damagd, what can I do?", ["REFUND_POLICY"])?.heading).toBe("Damaged or wrong items");
  });

  it("GIVEN nothing in common with any passage THEN there is no hit", () => {
    expect(index.search("quantum chromodynamics lecture")).toEqual([]);
  });

  it("decodes entities and strips scripts from HTML", () => {
    expect(htmlToText("<p>Fish &amp; chips &pound;5<script>alert(1)</script></p>")).toBe("Fish & chips £5");
  });
});
