import { describe, expect, it } from "vitest";
import { inject } from "vitest";

// The demo's app proxy keeps its connections to the production app alive, as Shopify's
// proxy and a load balancer do: a refused body must not break the request after it
// (issue 17, item 5). No browser needed; the demo started by the browser suite is the
// real app behind the real proxy.

const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

function post(path: string, body: string) {
  return fetch(new URL(path, inject("demoUrl")), {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT },
    body,
  });
}

describe("the demo's app proxy after a refused body", () => {
  it("GIVEN a 2 MB message refused with 413 THEN the next chat request through the proxy is answered, every time", async () => {
    const twoMegabytes = JSON.stringify({ text: "x".repeat(2 * 1024 * 1024) });
    for (let round = 0; round < 3; round++) {
      const refused = await post("/apps/assistant/messages", twoMegabytes);
      expect(refused.status).toBe(413);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");

      const next = await post("/apps/assistant/session", "{}");
      expect(next.status).toBe(200);
      expect(((await next.json()) as { visitorToken: string }).visitorToken).toMatch(/\./);
    }
  });
});
