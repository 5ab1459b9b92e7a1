// The production server: migrations, then the Remix build behind Express. Used by
// `npm start`, the demo and the Dockerfile. Request logs carry method, path (never the
// query string: app proxy queries hold customer ids), status and time.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { migrate, DEFAULT_DATABASE_URL } from "./migrate.mjs";
import { root } from "./prisma.mjs";
import { drainRefusedBodies } from "./refused-bodies.mjs";

export async function serve({
  port = Number(process.env.PORT || 3000),
  host = process.env.HOST || "0.0.0.0",
  log = true,
} = {}) {
  migrate(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const build = await import(pathToFileURL(path.join(root, "build/server/index.js")).href);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", true);
  // A body refused before it was read must not stall its connection for the next request.
  app.use(drainRefusedBodies());
  app.use(compression());
  app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
  if (log) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
      });
      next();
    });
  }
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

  const server = await new Promise((resolve) => {
    const listening = app.listen(port, host, () => resolve(listening));
  });
  const shutdown = async () => {
    server.close();
    server.closeIdleConnections?.();
    // Jobs finish or go back to the queue; an interrupted sync resumes at the next start.
    const closeJobs = build.entry?.module?.closeJobs;
    await Promise.race([closeJobs ? closeJobs(8_000).catch(() => {}) : null, new Promise((r) => setTimeout(r, 9_000))]);
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.env.NODE_ENV ??= "production";
  const server = await serve();
  const address = server.address();
  console.log(`Storefront assistant listening on http://localhost:${address.port}`);
}
