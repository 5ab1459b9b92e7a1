import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startDemo } from "../../../demo/main";

/**
 * Browser tests run against the real demo: the production build (built by `npm test`
 * beforehand), the fake Shopify with the small generated store, and the demo front.
 */
export default async function setup(project: TestProject) {
  const demo = await startDemo({
    port: 0,
    dataDir: "/nonexistent",
    generated: true,
    build: false,
    stateDir: mkdtempSync(path.join(os.tmpdir(), "demo-browser-")),
    log: () => {},
    quietApp: true,
  });
  project.provide("demoUrl", demo.url);
  return () => demo.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    demoUrl: string;
  }
}
