import type { Db } from "../db.server";
import { greetingTemplates } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";

/** The theme app extension's app embed block (extensions/assistant-widget/blocks/assistant.liquid). */
export const EMBED_BLOCK_HANDLE = "assistant";

export interface SetupChecklist {
  /** The storefront widget has reached the app (a shopper opened the chat). */
  embedSeen: boolean;
  syncCompleted: boolean;
  faqEntries: number;
  greetingSet: boolean;
  /** Where the merchant turns the app embed on: the theme editor's App embeds, ours selected. */
  themeEditorUrl: string;
}

/**
 * The home page's first-run checklist, each step read from what the app holds. Whether the
 * app embed is on is known from the storefront itself: the app does not ask for
 * read_themes (docs/decisions/0060-setup-checklist-embed-signal.md), so the step is done
 * once the widget has opened a chat with this shop.
 */
export async function setupChecklist(db: Db, shop: string, apiKey: string): Promise<SetupChecklist> {
  const [conversation, sync, faqEntries, settings, templates] = await Promise.all([
    db.conversation.findFirst({ where: { shop }, select: { id: true } }),
    db.syncRun.findFirst({ where: { shop, status: "completed" }, select: { id: true } }),
    db.faqEntry.count({ where: { shop } }),
    db.assistantSettings.findUnique({ where: { shop }, select: { greeting: true } }),
    readSetting(db, shop, greetingTemplates),
  ]);
  return {
    embedSeen: conversation !== null,
    syncCompleted: sync !== null,
    faqEntries,
    greetingSet: Boolean(settings?.greeting?.trim()) || templates.some((t) => t.enabled !== false && t.source.trim()),
    themeEditorUrl: themeEditorUrl(shop, apiKey),
  };
}

export function themeEditorUrl(shop: string, apiKey: string, context: "apps" | null = "apps"): string {
  const editor = `https://${shop}/admin/themes/current/editor`;
  // Shopify's documented form keeps the slash between the key and the handle as is.
  return context
    ? `${editor}?context=${context}&activateAppId=${encodeURIComponent(apiKey)}/${EMBED_BLOCK_HANDLE}`
    : editor;
}
