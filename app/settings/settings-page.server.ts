import { z } from "zod";
import type { Db } from "../db.server";
import { createLlmProvider } from "../assistant/llm/provider.server";
import { getAssistantSettings } from "../conversations/settings.server";
import { decrypt, encrypt, type KeyRing } from "../privacy/crypto.server";
import { chatLimits, handoffNotifications, llmProvider } from "./definitions.server";
import { readSetting, writeSetting } from "./store.server";

/**
 * The admin settings page's documents: the greeting default and suggested questions
 * (AssistantSettings), handoff notifications and the optional language model. The model's
 * key goes in sealed and never comes out: the page only learns whether one is saved.
 */

export interface SettingsView {
  greeting: string;
  suggestions: string[];
  handoff: { enabled: boolean; emails: string[] };
  llm: { enabled: boolean; baseUrl: string; model: string; keySaved: boolean };
  /** The shop-wide chat limit the merchant set, or null for the automatic one. */
  chat: { messagesPerSecond: number | null };
}

export async function readSettingsPage(db: Db, shop: string): Promise<SettingsView> {
  const [assistant, handoff, llm, chat] = await Promise.all([
    getAssistantSettings(db, shop),
    readSetting(db, shop, handoffNotifications),
    readSetting(db, shop, llmProvider),
    readSetting(db, shop, chatLimits),
  ]);
  return {
    greeting: assistant.greeting ?? "",
    suggestions: assistant.suggestions ?? [],
    handoff: { enabled: handoff.enabled, emails: handoff.emails },
    llm: { enabled: llm.enabled, baseUrl: llm.baseUrl, model: llm.model, keySaved: llm.apiKeySealed !== null },
    chat: { messagesPerSecond: chat.messagesPerSecond },
  };
}

const lines = (value: string) =>
  value
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

const llmFields = {
  llmBaseUrl: z
    .string()
    .trim()
    .max(300, "Keep the address under 300 characters.")
    .pipe(z.url({ protocol: /^https?$/, error: "Enter the provider's base URL, such as https://api.openai.com/v1." })),
  llmModel: z.string().trim().min(1, "Enter the model's name, such as gpt-4o-mini.").max(100, "Keep the name short."),
  // Blank keeps the saved key.
  llmApiKey: z.string().trim().max(500, "That key is too long.").optional().default(""),
};

export const settingsForm = z
  .object({
    greeting: z.string().trim().max(500, "Keep the greeting under 500 characters.").optional().default(""),
    suggestions: z
      .string()
      .optional()
      .default("")
      .transform(lines)
      .pipe(
        z
          .array(z.string().max(120, "Keep each suggested question under 120 characters."))
          .max(6, "Add at most 6 suggested questions."),
      ),
    handoffEnabled: checkbox,
    handoffEmails: z
      .string()
      .optional()
      .default("")
      .transform((value) => lines(value).map((email) => email.toLowerCase()))
      .pipe(
        z
          .array(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address.` }))
          .max(10, "Add at most 10 email addresses."),
      ),
    llmEnabled: checkbox,
    llmRemoveKey: checkbox,
    ...llmFields,
    // Blank: the automatic limit.
    chatMessagesPerSecond: z
      .string()
      .trim()
      .optional()
      .default("")
      .transform((value) => (value === "" ? null : Number(value)))
      .pipe(
        z
          .number({ error: "Enter a whole number of messages a second, or leave it empty." })
          .int("Enter a whole number of messages a second, or leave it empty.")
          .min(1, "Allow at least one message a second, or leave it empty.")
          .max(10_000, "Allow at most 10,000 messages a second.")
          .nullable(),
      ),
  })
  .refine((form) => !form.handoffEnabled || form.handoffEmails.length > 0, {
    message: "Add an email address to send notifications to, or turn notifications off.",
    path: ["handoffEmails"],
  });
export type SettingsForm = z.infer<typeof settingsForm>;

export type FieldErrors = Partial<Record<string, string>>;

/** The first message per field, keyed by the form field's name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

export async function saveSettingsPage(
  db: Db,
  keyRing: KeyRing,
  shop: string,
  form: SettingsForm,
): Promise<{ ok: true; settings: SettingsView } | { ok: false; errors: FieldErrors }> {
  const current = await readSetting(db, shop, llmProvider);
  const apiKeySealed = form.llmApiKey
    ? encrypt(keyRing, form.llmApiKey)
    : form.llmRemoveKey
      ? null
      : current.apiKeySealed;
  if (form.llmEnabled && !apiKeySealed) {
    return { ok: false, errors: { llmApiKey: "Enter the provider's API key to turn the model on." } };
  }
  await db.assistantSettings.upsert({
    where: { shop },
    create: {
      shop,
      greeting: form.greeting || null,
      suggestions: form.suggestions.length ? JSON.stringify(form.suggestions) : null,
    },
    update: {
      greeting: form.greeting || null,
      suggestions: form.suggestions.length ? JSON.stringify(form.suggestions) : null,
    },
  });
  await writeSetting(db, shop, handoffNotifications, { enabled: form.handoffEnabled, emails: form.handoffEmails });
  await writeSetting(db, shop, chatLimits, { messagesPerSecond: form.chatMessagesPerSecond });
  await writeSetting(db, shop, llmProvider, {
    ...current,
    enabled: form.llmEnabled,
    baseUrl: form.llmBaseUrl,
    model: form.llmModel,
    apiKeySealed,
  });
  return { ok: true, settings: await readSettingsPage(db, shop) };
}

export const testConnectionForm = z.object(llmFields);

/**
 * "Test connection": one tiny completion with what the form holds (the saved key when the
 * key field is blank), answered in words a merchant can act on.
 */
export async function testLlmConnection(
  db: Db,
  keyRing: KeyRing,
  shop: string,
  form: z.infer<typeof testConnectionForm>,
  fetch: typeof globalThis.fetch = globalThis.fetch,
): Promise<{ ok: true; message: string } | { ok: false; message: string }> {
  let apiKey = form.llmApiKey;
  if (!apiKey) {
    const saved = (await readSetting(db, shop, llmProvider)).apiKeySealed;
    if (!saved) return { ok: false, message: "Enter the provider's API key first." };
    try {
      apiKey = decrypt(keyRing, saved);
    } catch {
      return { ok: false, message: "The saved key can no longer be read. Enter it again." };
    }
  }
  const settings = await readSetting(db, shop, llmProvider);
  const provider = createLlmProvider({
    settings: { baseUrl: form.llmBaseUrl, model: form.llmModel, apiKey },
    fetch,
    timeoutMs: settings.timeoutMs,
  });
  const result = await provider.testConnection();
  if (result.ok) return { ok: true, message: `Connected: ${result.model} answered.` };
  return { ok: false, message: `${result.message}${hintFor(result.message)}` };
}

function hintFor(message: string): string {
  if (/answered (401|403)\b/.test(message)) return " Check the API key.";
  if (/answered 404\b/.test(message)) return " Check the base URL and the model's name.";
  if (/could not be reached/.test(message)) return " Check the base URL.";
  return "";
}
