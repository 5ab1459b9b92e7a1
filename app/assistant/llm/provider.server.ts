import { z } from "zod";

/**
 * An OpenAI-compatible chat-completions client (OpenAI, Azure OpenAI, Together, a local
 * llama.cpp or vLLM server: anything that speaks POST {baseUrl}/chat/completions with
 * tools). Optional: the assistant is complete without it. A small factory with an
 * injectable fetch, so tests talk to a local fake server.
 */

export interface LlmSettings {
  baseUrl: string;
  model: string;
  apiKey: string;
}

export interface LlmToolCall {
  id: string;
  name: string;
  /** The raw JSON string the model produced; parsed and validated by the tool. */
  arguments: string;
}

export type LlmMessage =
  | { role: "system" | "user"; content: string }
  | {
      role: "assistant";
      content: string | null;
      tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
    }
  | { role: "tool"; tool_call_id: string; content: string };

export interface LlmToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface LlmCompletion {
  content: string | null;
  toolCalls: LlmToolCall[];
}

export class LlmError extends Error {
  constructor(
    readonly code: "timeout" | "http" | "network" | "bad_response",
    message: string,
  ) {
    super(message);
  }
}

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(z.object({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }) }))
            .nullish(),
        }),
      }),
    )
    .min(1),
});

export interface LlmProvider {
  complete(messages: LlmMessage[], tools: LlmToolSpec[]): Promise<LlmCompletion>;
  /** One tiny request, for the settings page's "Test connection" button. */
  testConnection(): Promise<{ ok: true; model: string } | { ok: false; message: string }>;
}

export function createLlmProvider({
  settings,
  fetch = globalThis.fetch,
  timeoutMs = 8000,
}: {
  settings: LlmSettings;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}): LlmProvider {
  const endpoint = `${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`;

  async function complete(messages: LlmMessage[], tools: LlmToolSpec[]): Promise<LlmCompletion> {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${settings.apiKey}` },
        body: JSON.stringify({
          model: settings.model,
          messages,
          temperature: 0.2,
          max_tokens: 400,
          ...(tools.length
            ? { tools: tools.map((t) => ({ type: "function", function: t })), tool_choice: "auto" }
            : {}),
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
        throw new LlmError("timeout", `the model did not answer within ${timeoutMs} ms`);
      }
      throw new LlmError(
        "network",
        `the model's server could not be reached (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (!response.ok) {
      // Never echo the body: some servers repeat the request, key included.
      throw new LlmError("http", `the model's server answered ${response.status}`);
    }
    let parsed: z.infer<typeof completionSchema>;
    try {
      parsed = completionSchema.parse(await response.json());
    } catch {
      throw new LlmError("bad_response", "the model's server answered something that is not a chat completion");
    }
    const message = parsed.choices[0].message;
    return {
      content: message.content ?? null,
      toolCalls: (message.tool_calls ?? []).map((call) => ({
        id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
      })),
    };
  }

  return {
    complete,
    async testConnection() {
      try {
        await complete([{ role: "user", content: "Reply with the single word: ok" }], []);
        return { ok: true, model: settings.model };
      } catch (error) {
        return {
          ok: false,
          message:
            error instanceof LlmError ? `Could not use the model: ${error.message}.` : "Could not use the model.",
        };
      }
    },
  };
}
