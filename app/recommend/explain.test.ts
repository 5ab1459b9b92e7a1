import { describe, expect, it } from "vitest";
import { explain } from "./explain";

describe("explain", () => {
  it("GIVEN each kind of reason THEN the shopper reads a plain sentence naming its cause", () => {
    const anchor = { anchorProductId: "p1", anchorTitle: "Ceramic teapot" };
    expect(explain({ kind: "bought_with", ...anchor }).text).toBe("Often bought with Ceramic teapot");
    expect(explain({ kind: "viewed", ...anchor }).text).toBe("Because you viewed Ceramic teapot");
    expect(explain({ kind: "in_cart", ...anchor }).text).toBe("Goes with Ceramic teapot in your cart");
    expect(explain({ kind: "similar", ...anchor }).text).toBe("Similar to Ceramic teapot");
    expect(explain({ kind: "similar", query: "green tea" }).text).toBe("Matches “green tea”");
    expect(explain({ kind: "bought_before" }).text).toBe("You bought this before");
    expect(explain({ kind: "popular", windowDays: 7 }).text).toBe("Popular this week");
    expect(explain({ kind: "popular", windowDays: 30 }).text).toBe("Popular this month");
    expect(explain({ kind: "popular", windowDays: 90 }).text).toBe("Popular in the last 90 days");
    expect(explain({ kind: "trending", windowDays: 7 }).text).toBe("Trending this week");
    expect(explain({ kind: "bestseller" }).text).toBe("One of our bestsellers");
    expect(explain({ kind: "new_arrival" }).text).toBe("New in");
  });

  it("GIVEN an anchor THEN its id travels with the reason so the widget can link it", () => {
    expect(explain({ kind: "viewed", anchorProductId: "p1", anchorTitle: "Mug" })).toEqual({
      kind: "viewed",
      anchorProductId: "p1",
      text: "Because you viewed Mug",
    });
    expect(explain({ kind: "popular", windowDays: 7 })).not.toHaveProperty("anchorProductId");
  });
});
