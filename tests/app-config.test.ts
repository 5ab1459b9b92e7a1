import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { API_VERSION } from "~/shopify/admin-api.server";

const root = path.resolve(import.meta.dirname, "..");
const config = parse(readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as {
  webhooks: { api_version: string; subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[] };
  app_proxy: { url: string; prefix: string; subpath: string };
  access_scopes: { scopes: string };
};

const routeFileFor = (uri: string) => path.join(root, "app/routes", `${uri.slice(1).replaceAll("/", ".")}.tsx`);

describe("shopify.app.toml", () => {
  it("subscribes to webhooks on the API version the app queries", () => {
    expect(config.webhooks.api_version).toBe(API_VERSION);
  });

  it.each(config.webhooks.subscriptions.map((s) => [s.uri, s]))(
    "%s is handled by the route file it names",
    (uri, s) => {
      const topics = [...(s.topics ?? []), ...(s.compliance_topics ?? [])];
      expect(topics).toHaveLength(1);
      expect(uri).toBe(`/webhooks/${topics[0]}`);
      expect(existsSync(routeFileFor(uri))).toBe(true);
    },
  );

  it("every webhook route file is subscribed to", () => {
    const routes = readdirSync(path.join(root, "app/routes")).filter((f) => f.startsWith("webhooks."));
    const subscribed = config.webhooks.subscriptions.map((s) => path.basename(routeFileFor(s.uri)));
    expect(routes.sort()).toEqual(subscribed.sort());
  });

  it("routes the app proxy to the app's /apps/assistant routes", () => {
    expect(`/${config.app_proxy.prefix}/${config.app_proxy.subpath}`).toBe(new URL(config.app_proxy.url).pathname);
    expect(existsSync(path.join(root, "app/routes/apps.assistant.shop.ts"))).toBe(true);
  });

  it("asks for exactly the scopes the app is configured with in tests and the demo", () => {
    const declared = config.access_scopes.scopes
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .sort();
    const used = (process.env.SCOPES ?? "").split(",").filter(Boolean).sort();
    expect(declared).toEqual(used);
  });
});
