import { execute, getVariableValues, parse, validate, type OperationDefinitionNode } from "graphql";
import { GraphQLClient } from "graphql-request";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../../tests/fake-shopify/schema";
import {
  canCreateDiscounts,
  chooseOffer,
  createDiscountCode,
  DISCOUNT_CODE_BASIC_CREATE,
  discountCodeBasicCreateVariables,
  offerText,
  validateOffers,
  type GraphQLRequester,
  type Offer,
  type OfferInput,
} from "./offers";

const schema = adminSchema("2026-07");
const now = new Date("2025-06-01T12:00:00Z");

function offers(...input: OfferInput[]): Offer[] {
  const result = validateOffers(input);
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join("\n"));
  return result.offers;
}

const base: OfferInput = {
  id: "o1",
  name: "VIP ten",
  segment: "vip",
  code: "VIP10",
  message: "Use {{ offer.code }} for 10% off",
  placement: "greeting",
};

describe("choosing an offer", () => {
  const list = offers(
    { ...base, id: "low", priority: 1 },
    { ...base, id: "high", priority: 5 },
    { ...base, id: "tie", priority: 5 },
    { ...base, id: "recs", placement: "recommendations", priority: 9 },
    { ...base, id: "lapsed", segment: "lapsed", priority: 99 },
    { ...base, id: "future", priority: 100, startsAt: "2025-07-01T00:00:00Z" },
    { ...base, id: "past", priority: 100, endsAt: "2025-06-01T12:00:00Z" },
    { ...base, id: "off", priority: 100, enabled: false },
  );

  it("GIVEN several active offers for the shopper's segment WHEN chosen THEN the highest priority, first listed, wins", () => {
    expect(chooseOffer(list, { segments: ["vip"] }, now, "greeting")?.id).toBe("high");
  });

  it("GIVEN a placement WHEN chosen THEN only offers for that placement count", () => {
    expect(chooseOffer(list, { segments: ["vip"] }, now, "recommendations")?.id).toBe("recs");
    expect(chooseOffer(list, { segments: ["vip"] }, now)?.id).toBe("recs");
  });

  it("GIVEN offers outside their window or switched off WHEN chosen THEN they are skipped (the end is exclusive)", () => {
    const later = new Date("2025-07-01T00:00:00Z");
    expect(chooseOffer(list, { segments: ["vip"] }, later, "greeting")?.id).toBe("future");
    expect(chooseOffer(list.slice(6), { segments: ["vip"] }, now)).toBeUndefined();
  });

  it("GIVEN a shopper in none of the offers' segments WHEN chosen THEN there is no offer", () => {
    expect(chooseOffer(list, { segments: ["new_visitor"] }, now)).toBeUndefined();
    expect(chooseOffer(list, { segments: ["new_visitor", "lapsed"] }, now)?.id).toBe("lapsed");
  });
});

describe("offer text", () => {
  const context = {
    shopName: "Salt & Pepper",
    timezone: "UTC",
    now,
    segments: ["vip"],
    pageType: "home" as const,
    customerFirstName: "Ada",
    cartItemCount: 0,
  };

  it("GIVEN an offer message WHEN rendered THEN the code and greeting variables fill in, escaped", () => {
    const [offer] = offers({
      ...base,
      message: "{{ customer.first_name }}, {{ shop.name }} says: use {{ offer.code }}",
    });
    expect(offerText(offer, context)).toEqual({
      text: "Ada, Salt & Pepper says: use VIP10",
      html: "Ada, Salt &amp; Pepper says: use VIP10",
      errors: [],
    });
  });

  it("GIVEN a message that fails at render time WHEN rendered THEN a plain code line is shown instead", () => {
    const result = offerText({ code: "VIP10", segment: "vip", message: "{{ offer.code | nope }}" }, context);
    expect(result.text).toBe("Use code VIP10 at checkout.");
    expect(result.errors[0].message).toMatch(/undefined filter: nope/);
  });
});

describe("validateOffers", () => {
  const messages = (input: unknown[], knownSegments?: string[]) => {
    const result = validateOffers(input, { knownSegments });
    if (result.ok) throw new Error("expected errors");
    return result.errors.map((error) => error.message);
  };

  it.each([
    [{ code: "10% OFF" }, "Offer 1 ‘VIP ten’: a discount code may only contain letters, digits, - and _"],
    [{ placement: "popup" }, "Offer 1 ‘VIP ten’: an offer is shown in the greeting or with recommendations"],
    [
      { startsAt: "2025-06-02T00:00:00Z", endsAt: "2025-06-01T00:00:00Z" },
      "Offer 1 ‘VIP ten’: the offer ends before it starts",
    ],
    [{ startsAt: "next tuesday" }, "Offer 1 ‘VIP ten’: the start is not a date we can read"],
    [{ message: "{{ offer.cod }}" }, "Offer 1 ‘VIP ten’: the message: unknown variable ‘offer.cod’"],
    [{ code: undefined }, "Offer 1 ‘VIP ten’: an offer needs a discount code"],
  ])("GIVEN an offer with %j WHEN validated THEN the merchant reads what to fix", (change, message) => {
    expect(messages([{ ...base, ...change }])[0]).toContain(message);
  });

  it("GIVEN segments and ids WHEN validated THEN unknown segments and repeated ids are refused", () => {
    expect(messages([base, { ...base, name: "Again" }], ["vip"])).toEqual([
      "Offer 2 ‘Again’: another offer has the same id",
    ]);
    expect(messages([base], ["lapsed"])).toEqual(["Offer 1 ‘VIP ten’: there is no segment ‘vip’"]);
  });
});

describe("discountCodeBasicCreate", () => {
  const operation = parse(DISCOUNT_CODE_BASIC_CREATE).definitions[0] as OperationDefinitionNode;

  function variableProblems(variables: Record<string, unknown>) {
    const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    return "errors" in result && result.errors ? result.errors.map((error) => error.message) : [];
  }

  it("GIVEN the mutation document WHEN checked against the Admin schema 2026-07 THEN it is valid", () => {
    expect(DISCOUNT_CODE_BASIC_CREATE.trimStart().startsWith("#graphql")).toBe(true);
    expect(validate(schema, parse(DISCOUNT_CODE_BASIC_CREATE)).map((error) => error.message)).toEqual([]);
  });

  it("GIVEN a percentage discount WHEN built THEN the variables coerce to DiscountCodeBasicInput", () => {
    const variables = discountCodeBasicCreateVariables({
      title: "VIP 10%",
      code: "VIP10",
      kind: "percentage",
      value: 12.5,
      startsAt: "2025-06-01T00:00:00Z",
      endsAt: new Date("2025-07-01T00:00:00Z"),
    });
    expect(variables.basicCodeDiscount).toMatchObject({
      code: "VIP10",
      startsAt: "2025-06-01T00:00:00.000Z",
      endsAt: "2025-07-01T00:00:00.000Z",
      context: { all: "ALL" },
      customerGets: { value: { percentage: 0.125 }, items: { all: true } },
      appliesOncePerCustomer: true,
    });
    expect(variableProblems(variables)).toEqual([]);
  });

  it("GIVEN a fixed amount with a minimum subtotal WHEN built THEN money is a Decimal string and it coerces", () => {
    const variables = discountCodeBasicCreateVariables({
      title: "Five off",
      code: "FIVE",
      kind: "fixedAmount",
      value: 5,
      startsAt: "2025-06-01T00:00:00Z",
      minimumSubtotal: 40,
      usageLimit: 100,
      combinesWith: { shippingDiscounts: true },
    });
    expect(variables.basicCodeDiscount).toMatchObject({
      customerGets: { value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } } },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "40.00" } },
      usageLimit: 100,
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
    });
    expect(variableProblems(variables)).toEqual([]);
  });

  it.each([
    [{ kind: "percentage", value: 120 }, "a percentage discount can be at most 100"],
    [{ value: 0 }, "a discount must be more than 0"],
    [{ endsAt: "2025-05-01T00:00:00Z" }, "the discount ends before it starts"],
  ])("GIVEN %j WHEN built THEN it is refused before reaching Shopify", (change, message) => {
    const input = { title: "t", code: "C", kind: "fixedAmount" as const, value: 5, startsAt: "2025-06-01T00:00:00Z" };
    expect(() => discountCodeBasicCreateVariables({ ...input, ...change } as never)).toThrow(message);
  });

  it("GIVEN scopes WHEN checked THEN only write_discounts allows creating codes", () => {
    expect(canCreateDiscounts("read_products,write_discounts")).toBe(true);
    expect(canCreateDiscounts(["read_discounts"])).toBe(false);
  });

  /** A fake Admin API that executes the document against the real 2026-07 schema. */
  function fakeAdmin(taken: string[] = []): GraphQLRequester & { calls: Record<string, unknown>[] } {
    const calls: Record<string, unknown>[] = [];
    return {
      calls,
      async request(document, variables) {
        calls.push(variables);
        const result = await execute({
          schema,
          document: parse(document),
          variableValues: variables,
          rootValue: {
            discountCodeBasicCreate: ({ basicCodeDiscount: input }: { basicCodeDiscount: Record<string, unknown> }) =>
              taken.includes(String(input.code))
                ? {
                    codeDiscountNode: null,
                    userErrors: [
                      { field: ["basicCodeDiscount", "code"], code: "TAKEN", message: "Code must be unique." },
                    ],
                  }
                : {
                    codeDiscountNode: {
                      id: "gid://shopify/DiscountCodeNode/1",
                      codeDiscount: {
                        __typename: "DiscountCodeBasic",
                        title: input.title,
                        status: "ACTIVE",
                        startsAt: input.startsAt,
                        endsAt: input.endsAt,
                        codes: { nodes: [{ code: input.code }] },
                      },
                    },
                    userErrors: [],
                  },
          },
        });
        if (result.errors?.length) throw new Error(result.errors.map((error) => error.message).join("; "));
        return result.data;
      },
    };
  }

  const input = {
    title: "Welcome",
    code: "WELCOME10",
    kind: "percentage" as const,
    value: 10,
    startsAt: "2025-06-01T00:00:00Z",
  };

  it("GIVEN a free code WHEN created THEN the discount id comes back", async () => {
    const admin = fakeAdmin();
    await expect(createDiscountCode(admin, input)).resolves.toEqual({
      ok: true,
      discountId: "gid://shopify/DiscountCodeNode/1",
      code: "WELCOME10",
    });
    expect(admin.calls).toHaveLength(1);
  });

  it("GIVEN a code already taken WHEN created THEN Shopify's message is passed on", async () => {
    await expect(createDiscountCode(fakeAdmin(["WELCOME10"]), input)).resolves.toEqual({
      ok: false,
      errors: [{ field: "basicCodeDiscount.code", message: "Code must be unique." }],
    });
  });

  it("GIVEN the app's graphql-request client WHEN used as the requester THEN the call goes over its fetch", async () => {
    const admin = fakeAdmin();
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body));
      const data = await admin.request(body.query, body.variables);
      return new Response(JSON.stringify({ data }), { headers: { "content-type": "application/json" } });
    };
    const client = new GraphQLClient("https://example.myshopify.com/admin/api/2026-07/graphql.json", { fetch });
    await expect(createDiscountCode(client, input)).resolves.toMatchObject({ ok: true });
  });
});
