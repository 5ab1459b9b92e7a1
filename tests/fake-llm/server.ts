import { createServer, type Server } from "node:http";

/**
 * A local OpenAI-compatible chat-completions server for tests. Each request is answered by
 * the script the test gives: a completion (text or tool calls), an HTTP error, or silence.
 */

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string | null; tool_call_id?: string; tool_calls?: unknown[] }[];
  tools?: { function: { name: string } }[];
}

export type ScriptStep =
  | { text: string }
  | { toolCalls: { name: string; arguments: Record<string, unknown> }[] }
  | { status: number }
  | { hang: true };

export interface FakeLlm {
  url: string;
  requests: ChatRequest[];
  /** Authorization headers received, to check the key is sent. */
  authorizations: string[];
  script(handler: (request: ChatRequest, index: number) => ScriptStep): void;
  close(): Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  let handler: (request: ChatRequest, index: number) => ScriptStep = () => ({ text: "ok" });
  const requests: ChatRequest[] = [];
  const authorizations: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
    requests.push(body);
    authorizations.push(String(req.headers.authorization ?? ""));
    const step = handler(body, requests.length - 1);
    if ("hang" in step) return; // never answers: the client must time out
    if ("status" in step) {
      res.writeHead(step.status, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ error: { message: "scripted failure" } }));
    }
    const message =
      "text" in step
        ? { role: "assistant", content: step.text }
        : {
            role: "assistant",
            content: null,
            tool_calls: step.toolCalls.map((call, i) => ({
              id: `call_${requests.length}_${i}`,
              type: "function",
              function: { name: call.name, arguments: JSON.stringify(call.arguments) },
            })),
          };
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(
      JSON.stringify({
        id: "chatcmpl-fake",
        object: "chat.completion",
        choices: [{ index: 0, message, finish_reason: "stop" }],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    authorizations,
    script(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
