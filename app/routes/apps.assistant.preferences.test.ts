import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, openChat } from "../../tests/support/chat";

const fake = useFakeShopify();

describe("POST /apps/assistant/preferences", () => {
  it("GIVEN a guest opting out THEN it is remembered for that browser only", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    const otherBrowser = await openChat({ shop: domain });

    const response = await chatPost(
      "preferences",
      { visitorToken: chat.visitorToken, trackingOff: true },
      { shop: domain },
    );

    expect(response.json).toEqual({ trackingOff: true });
    expect((await chatPost("session", chat, { shop: domain })).json.trackingOff).toBe(true);
    expect((await chatPost("session", otherBrowser, { shop: domain })).json.trackingOff).toBe(false);
  });

  it("GIVEN a logged-in customer opting out THEN it follows them to another browser", async () => {
    const { domain } = await installShop(fake);
    const laptop = await openChat({ shop: domain, customerId: "42" });
    await chatPost(
      "preferences",
      { visitorToken: laptop.visitorToken, trackingOff: true },
      { shop: domain, customerId: "42" },
    );

    const phone = await chatPost("session", {}, { shop: domain, customerId: "42" });
    const stranger = await chatPost("session", {}, { shop: domain, customerId: "43" });

    expect(phone.json.trackingOff).toBe(true);
    expect(stranger.json.trackingOff).toBe(false);
  });

  it("GIVEN a customer who opted out and then back in THEN their latest choice wins", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain, customerId: "42" });
    const call = { shop: domain, customerId: "42" };
    await chatPost("preferences", { visitorToken: chat.visitorToken, trackingOff: true }, call);
    await chatPost("preferences", { visitorToken: chat.visitorToken, trackingOff: false }, call);

    expect((await chatPost("session", {}, call)).json.trackingOff).toBe(false);
  });

  it("GIVEN events recorded before the shopper opts out THEN opting out erases them", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    await chatPost(
      "events",
      { visitorToken: chat.visitorToken, consent: true, events: [{ type: "view", productId: "1" }] },
      { shop: domain },
    );

    await chatPost("preferences", { visitorToken: chat.visitorToken, trackingOff: true }, { shop: domain });

    expect(await db.behaviourEvent.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN no boolean choice THEN it answers 422", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await chatPost(
      "preferences",
      { visitorToken: chat.visitorToken, trackingOff: "yes" },
      { shop: domain },
    );

    expect(response.status).toBe(422);
  });
});
