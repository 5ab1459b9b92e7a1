/**
 * Passages: the units the assistant quotes. A shop policy (HTML) is split into its
 * paragraphs and list items, each carrying the heading it sits under; an FAQ entry is one
 * passage whose answer is quoted. Text only: tags go, entities are decoded.
 */

export interface Passage {
  id: string;
  /** Where it comes from, named to the shopper ("Refund policy", "FAQ"). */
  sourceTitle: string;
  sourceUrl: string | null;
  /** REFUND_POLICY, SHIPPING_POLICY, … or FAQ. */
  kind: string;
  /** The section heading the passage sits under, if any. */
  heading: string | null;
  /** What is shown to the shopper. */
  text: string;
  /** Extra words that help find it but are not shown (an FAQ entry's question). */
  keywords: string;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  pound: "£",
  euro: "€",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
    if (code[0] === "#") {
      const point = code[1].toLowerCase() === "x" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(point) && point > 0 && point < 0x110000 ? String.fromCodePoint(point) : match;
    }
    return ENTITIES[code.toLowerCase()] ?? match;
  });
}

/** Plain text of an HTML fragment, whitespace collapsed. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Splits policy HTML into passages. Block boundaries are headings, paragraphs, list items
 * and line breaks; text outside any block (a policy written as plain text) is split on
 * blank lines.
 */
export function policyPassages(policy: { type: string; title: string; body: string; url: string | null }): Passage[] {
  const passages: Passage[] = [];
  let heading: string | null = null;
  const blocks = policy.body
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .split(/(<h[1-6][^>]*>[\s\S]*?<\/h[1-6]>)|<\/?(?:p|li|ul|ol|div|section|br|tr|table)[^>]*>|\n\s*\n/i);
  for (const block of blocks) {
    if (!block) continue;
    const headingMatch = /^<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>$/i.exec(block.trim());
    if (headingMatch) {
      heading = htmlToText(headingMatch[1]) || null;
      continue;
    }
    const text = htmlToText(block);
    if (text.length < 3) continue;
    passages.push({
      id: `${policy.type}:${passages.length}`,
      sourceTitle: policy.title,
      sourceUrl: policy.url,
      kind: policy.type,
      heading,
      text,
      keywords: "",
    });
  }
  return passages;
}

export function faqPassage(entry: { id: string; question: string; answer: string }): Passage {
  return {
    id: `FAQ:${entry.id}`,
    sourceTitle: "FAQ",
    sourceUrl: null,
    kind: "FAQ",
    heading: entry.question,
    text: entry.answer.trim(),
    keywords: entry.question,
  };
}
