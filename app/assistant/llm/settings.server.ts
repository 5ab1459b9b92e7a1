import type { Db } from "../../db.server";
import { decrypt } from "../../privacy/crypto.server";
import { keyRing } from "../../privacy/keys.server";
import { llmProvider } from "../../settings/definitions.server";
import { readSetting } from "../../settings/store.server";
import { createLlmProvider, type LlmProvider } from "./provider.server";
import { log } from "../../log.server";

const providers = new Map<string, { signature: string; provider: LlmProvider }>();

/** The shop's language-model provider when the merchant turned one on, else null. */
export async function llmFor(db: Db, shop: string): Promise<LlmProvider | null> {
  const settings = await readSetting(db, shop, llmProvider);
  if (!settings.enabled || !settings.apiKeySealed) return null;
  const signature = JSON.stringify(settings);
  const cached = providers.get(shop);
  if (cached?.signature === signature) return cached.provider;
  let apiKey: string;
  try {
    apiKey = decrypt(keyRing, settings.apiKeySealed);
  } catch {
    log.warn(`the language-model key of ${shop} cannot be decrypted with the configured keys; not using it`);
    return null;
  }
  const provider = createLlmProvider({
    settings: { baseUrl: settings.baseUrl, model: settings.model, apiKey },
    timeoutMs: settings.timeoutMs,
  });
  providers.set(shop, { signature, provider });
  return provider;
}
