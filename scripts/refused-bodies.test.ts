import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonBody } from "../app/conversations/request.server";
import { jsonResponse, withErrors } from "../app/http/errors.server";
import { drainRefusedBodies } from "./refused-bodies.mjs";

// Remix's real Express adapter in front of one resource route that reads its body with the
// storefront endpoints' parseJsonBody: the same path as /apps/assistant/messages, without a
// production build. The smallest build the adapter accepts.
const build = {
  mode: "production",
  future: {},
  isSpaMode: false,
  basename: undefined,
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  assets: { entry: { module: "", imports: [] }, routes: {}, url: "", version: "test" },
  entry: { module: { default: () => new Response("not a document route", { status: 404 }) } },
  routes: {
    root: { id: "root", path: "", module: {} },
    "routes/send": {
      id: "routes/send",
      parentId: "root",
      path: "send",
      module: {
        action: ({ request }: { request: Request }) =>
          withErrors(async () => jsonResponse(await parseJsonBody(request, z.object({ text: z.string() })))),
      },
    },
  },
} as unknown as ServerBuild;

let server: http.Server;
let origin: string;
beforeAll(async () => {
  const app = express();
  app.use(drainRefusedBodies({ maxBytes: 4 * 1024 * 1024, maxMs: 5_000 }));
  app.all("*", createRequestHandler({ build, mode: "production" }));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

interface Answer {
  status: number;
  body: string;
  reusedSocket: boolean;
  connection: string | undefined;
}

/**
 * A POST through a keep-alive agent with one socket, as a proxy or balancer keeps its
 * connections to the app: the second request goes down the first one's connection.
 * `chunked` sends the body without a Content-Length, in pieces.
 */
function post(agent: http.Agent, body: Buffer, { chunked = false } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${origin}/send`, {
      method: "POST",
      agent,
      headers: { "Content-Type": "application/json", ...(chunked ? {} : { "Content-Length": body.length }) },
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          reusedSocket: request.reusedSocket,
          connection: response.headers.connection,
        }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    if (chunked) {
      for (let offset = 0; offset < body.length; offset += 64 * 1024)
        request.write(body.subarray(offset, offset + 64 * 1024));
      request.end();
    } else request.end(body);
  });
}

const small = Buffer.from(JSON.stringify({ text: "hello" }));
const twoMegabytes = Buffer.from(JSON.stringify({ text: "x".repeat(2 * 1024 * 1024) }));

describe("a refused body and the connection it came on", () => {
  it("GIVEN a 2 MB body refused with 413 on its Content-Length THEN the next requests down the same connection are answered", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let round = 0; round < 3; round++) {
        const refused = await post(agent, twoMegabytes);
        expect(refused.status).toBe(413);
        expect(JSON.parse(refused.body).error.code).toBe("payload_too_large");
        const next = await post(agent, small);
        expect(next.status).toBe(200);
        expect(JSON.parse(next.body)).toEqual({ text: "hello" });
        // Kept alive: the refused body was drained, not left to stall the connection.
        expect(next.reusedSocket).toBe(true);
      }
    } finally {
      agent.destroy();
    }
  });

  it("GIVEN a chunked body (no Content-Length) that grows past the limit THEN its 413 arrives and the next request is answered", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let round = 0; round < 3; round++) {
        const refused = await post(agent, twoMegabytes, { chunked: true });
        expect(refused.status).toBe(413);
        const next = await post(agent, small);
        expect(next.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it("GIVEN a body declared larger than is worth draining THEN the 413 says Connection: close and the next request gets a new connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const huge = Buffer.alloc(6 * 1024 * 1024, 0x20);
      const refused = await post(agent, huge);
      expect(refused.status).toBe(413);
      expect(refused.connection).toBe("close");
      const next = await post(agent, small);
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(false);
    } finally {
      agent.destroy();
    }
  });
});
