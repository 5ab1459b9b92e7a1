import { CONVERSATION_ID_PATTERN } from "../conversations/visitor.server";

/** Plain text from Shopify's description HTML, the way `Product.description` gives it. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return "";
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}

/** The type part of a Shopify GID: `gid://shopify/ProductVariant/1` → `ProductVariant`. */
export function gidType(id: unknown): string | null {
  if (typeof id !== "string" || !id.startsWith("gid://shopify/")) return null;
  const end = id.indexOf("/", 14);
  return end === -1 ? null : id.slice(14, end);
}

export function toGid(type: string, id: unknown): string | null {
  if (id === null || id === undefined || id === "") return null;
  const value = String(id);
  return value.startsWith("gid://") ? value : `gid://shopify/${type}/${value}`;
}

/** The cart attribute the storefront widget sets on add to cart (extensions/assistant-widget/assets/chat.js). */
export const ASSISTANT_CART_ATTRIBUTE = "_assistant_conversation";

/** The assistant conversation an order's note attributes name, if any. */
export function assistantConversationOf(attributes: { key: string; value: string | null }[]): string | null {
  const value = attributes.find((a) => a.key === ASSISTANT_CART_ATTRIBUTE)?.value?.trim();
  // Anything not shaped like our ids is a shopper's own edit of the attribute.
  return value && CONVERSATION_ID_PATTERN.test(value) ? value : null;
}
