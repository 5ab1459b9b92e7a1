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
  /**
   * In a snapshot for another language than the shop's primary one: true when this passage
   * is the primary language's text because the merchant has not translated it.
   */
  untranslated?: boolean;
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
 * blank lines. Merchants do not always use heading tags: a paragraph that is only bold text
 * ("<p><strong>Returns</strong></p>"), or in a plain-text policy a short line without a full
 * stop above its paragraph, is taken as the heading of what follows.
 */
export function policyPassages(policy: { type: string; title: string; body: string; url: string | null }): Passage[] {
  const passages: Passage[] = [];
  let heading: string | null = null;
  // A heading read from a bold or short line: if no text follows it, it was text after all.
  let pending: { text: string; before: string | null } | null = null;
  const body = policy.body.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ");
  const plain = !/<[a-z][^>]*>/i.test(body);
  const push = (text: string) => {
    pending = null;
    passages.push({
      id: `${policy.type}:${passages.length}`,
      sourceTitle: policy.title,
      sourceUrl: policy.url,
      kind: policy.type,
      heading,
      text,
      keywords: "",
    });
  };
  const takeHeading = (text: string) => {
    if (pending) heading = pending.before;
    pending = { text, before: heading };
    heading = text;
  };
  const flush = (html: string, listItem: boolean) => {
    const text = htmlToText(html);
    if (!text) return;
    if (!listItem && isHeadingLike(text) && (plain || /^\s*<(strong|b)\b[^>]*>[\s\S]*<\/\1>\s*:?\s*$/i.test(html))) {
      takeHeading(text.replace(/:$/, ""));
      return;
    }
    if (plain && !listItem) {
      const lines = html
        .split(/\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      if (lines.length > 1 && isHeadingLike(decodeEntities(lines[0]))) {
        takeHeading(decodeEntities(lines[0]).replace(/:$/, ""));
        const rest = htmlToText(lines.slice(1).join(" "));
        if (rest.length >= 3) push(rest);
        return;
      }
    }
    if (text.length >= 3) push(text);
  };
  const boundary =
    /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>|<(\/?)(p|li|ul|ol|div|section|article|br|tr|table|td|th|blockquote|dd|dt)\b[^>]*>|\n\s*\n/gi;
  let at = 0;
  let inItem = false;
  for (const match of body.matchAll(boundary)) {
    flush(body.slice(at, match.index), inItem);
    at = match.index! + match[0].length;
    if (match[1]) {
      pending = null;
      heading = htmlToText(match[2]) || null;
    } else if (match[4]) {
      const tag = match[4].toLowerCase();
      if (tag === "li") inItem = !match[3];
      else if (tag === "ul" || tag === "ol") inItem = false;
    }
  }
  flush(body.slice(at), inItem);
  const unfollowed = pending as { text: string; before: string | null } | null;
  if (unfollowed) {
    heading = unfollowed.before;
    push(unfollowed.text);
  }
  return passages;
}

/** A short line with no full stop, starting with a capital: how a heading looks in plain text. */
function isHeadingLike(line: string) {
  const text = line.trim().replace(/:$/, "");
  const words = text.split(/\s+/).length;
  return (
    text.length >= 2 &&
    text.length <= 60 &&
    words <= 8 &&
    /^[\p{Lu}\d]/u.test(text) &&
    !/[.!?;,]$/.test(text) &&
    !/:\s/.test(text) &&
    !/[£$€]\s?\d/.test(text) &&
    // "We ship worldwide" is a sentence without its full stop, not a heading.
    !/^(?:we|you|i|it|they|this|these|that|there|please)\b/i.test(text)
  );
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
