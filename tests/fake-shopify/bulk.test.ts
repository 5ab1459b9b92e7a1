import { describe, expect, it } from "vitest";
import { bulkQueryProblem } from "./bulk";
import { adminSchema } from "./schema";
import { createFakeShopify } from "./server";
import { buildProduct, addProduct } from "../factories/catalog";

const schema = adminSchema("2026-07");

function fakeWithShop() {
  const fake = createFakeShopify({ apiKey: "k", apiSecret: "s", apiVersions: ["2026-07"] });
  const shop = fake.store.addShop("bulk-test.myshopify.com");
  return { fake, shop };
}

const VARIANTS = `{ products { edges { node { id title variants { edges { node { id } } } } } } }`;

describe("the fake's bulk operations", () => {
  it("GIVEN queries Shopify would refuse THEN it refuses them for the same reasons", () => {
    expect(bulkQueryProblem(schema, `{ shop { name } }`)).toBe("Bulk queries must contain at least one connection.");
    expect(
      bulkQueryProblem(
        schema,
        `{ orders { edges { node { id lineItems { edges { node { id product { id collections { edges { node { id } } } } } } } } } } }`,
      ),
    ).toBe("Bulk queries cannot contain connections with a nesting depth greater than 2.");
    expect(bulkQueryProblem(schema, `{ products { edges { node { id nope } } } }`)).toMatch(
      /Cannot query field "nope"/,
    );
    expect(bulkQueryProblem(schema, VARIANTS)).toBeNull();
  });

  it("GIVEN groupObjects false THEN every product comes before any child; true THEN children follow their parent", async () => {
    const { fake, shop } = fakeWithShop();
    const [a, b] = [addProduct(shop, buildProduct({ variants: [{}, {}] })), addProduct(shop, buildProduct())];

    const ungrouped = await fake.bulk.run(shop, VARIANTS, false, "2026-07");
    fake.bulk.operations.get(ungrouped.bulkOperation!.id)!.status = "COMPLETED";
    const grouped = await fake.bulk.run(shop, VARIANTS, true, "2026-07");

    const idsOf = (id: string) => fake.bulk.operations.get(id)!.lines.map((l) => JSON.parse(l).id);
    expect(idsOf(ungrouped.bulkOperation!.id)).toEqual([
      a.id,
      b.id,
      a.variants[0].id,
      a.variants[1].id,
      b.variants[0].id,
    ]);
    expect(idsOf(grouped.bulkOperation!.id)).toEqual([
      a.id,
      a.variants[0].id,
      a.variants[1].id,
      b.id,
      b.variants[0].id,
    ]);
    expect(JSON.parse(fake.bulk.operations.get(grouped.bulkOperation!.id)!.lines[1]).__parentId).toBe(a.id);
  });

  it("GIVEN a running operation THEN a second one is refused with OPERATION_IN_PROGRESS", async () => {
    const { fake, shop } = fakeWithShop();

    await fake.bulk.run(shop, VARIANTS, false, "2026-07");
    const second = await fake.bulk.run(shop, VARIANTS, false, "2026-07");

    expect(second.userErrors).toEqual([expect.objectContaining({ code: "OPERATION_IN_PROGRESS" })]);
  });

  it("GIVEN a truncated download THEN the file stops in the middle of a line, once", async () => {
    const { fake, shop } = fakeWithShop();
    for (let i = 0; i < 20; i++) addProduct(shop, buildProduct());
    const { bulkOperation } = await fake.bulk.run(shop, VARIANTS, false, "2026-07");
    const status = await fake.bulk.status(shop, bulkOperation!.id);
    fake.bulk.truncateNextDownloads(1, 0.5);
    const number = Number(status!.url!.match(/(\d+)\.jsonl$/)![1]);

    const cut = await fake.bulk.download(shop, number).text();
    const whole = await fake.bulk.download(shop, number).text();

    expect(cut.length).toBe(Math.floor(Buffer.byteLength(whole) * 0.5));
    expect(whole.endsWith("\n")).toBe(true);
    expect(whole.split("\n").filter(Boolean)).toHaveLength(Number(status!.objectCount));
    expect(() => JSON.parse(cut.split("\n").at(-1)!)).toThrow();
  });
});
