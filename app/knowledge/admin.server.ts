import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import type { Db } from "../db.server";
import type { KeyRing } from "../privacy/crypto.server";
import { decrypt } from "../privacy/crypto.server";
import { forgetClassifier } from "../assistant/understand.server";
import { OUT_OF_SCOPE } from "../assistant/nlu/classifier";
import { MAX_MERCHANT_PHRASES } from "../assistant/nlu/shop-classifier";
import { SHOP_INTENTS } from "../assistant/nlu/shop-examples";
import { MAX_TEXT_LENGTH } from "../assistant/nlu/text";
import { FAQ_LIMITS } from "./limits";
import { forgetKnowledge } from "./store.server";

/**
 * What the Knowledge page changes: the merchant's FAQ entries (one by one or from a CSV
 * file), the phrases that teach the assistant's intents, and the shopper questions the
 * assistant could not answer or answered badly. Every query names the shop; every change
 * clears this instance's cached knowledge index or classifier so the next chat turn uses
 * it (other instances notice through the version check of their cache within seconds).
 */

export { FAQ_LIMITS };

export const FaqInputSchema = z.object({
  question: z
    .string({ error: "Write the question shoppers ask." })
    .trim()
    .min(1, { error: "Write the question shoppers ask." })
    .max(FAQ_LIMITS.question, { error: `Keep the question under ${FAQ_LIMITS.question} characters.` }),
  answer: z
    .string({ error: "Write the answer the assistant should give." })
    .trim()
    .min(1, { error: "Write the answer the assistant should give." })
    .max(FAQ_LIMITS.answer, { error: `Keep the answer under ${FAQ_LIMITS.answer.toLocaleString("en")} characters.` }),
});
export type FaqInput = z.infer<typeof FaqInputSchema>;

export interface FaqView {
  id: string;
  question: string;
  answer: string;
  updatedAt: string;
}

export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}

const normalise = (question: string) => question.trim().replace(/\s+/g, " ").toLowerCase();

export async function listFaq(db: Db, shop: string): Promise<FaqView[]> {
  const rows = await db.faqEntry.findMany({ where: { shop }, orderBy: { createdAt: "asc" }, take: FAQ_LIMITS.entries });
  return rows.map((row) => ({
    id: row.id,
    question: row.question,
    answer: row.answer,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export class FaqLimitError extends Error {}

export async function createFaq(db: Db, shop: string, input: FaqInput): Promise<FaqView> {
  if ((await db.faqEntry.count({ where: { shop } })) >= FAQ_LIMITS.entries) {
    throw new FaqLimitError(`A shop can have at most ${FAQ_LIMITS.entries} FAQ entries; remove some first.`);
  }
  const row = await db.faqEntry.create({ data: { shop, question: input.question, answer: input.answer } });
  forgetKnowledge(shop);
  return { id: row.id, question: row.question, answer: row.answer, updatedAt: row.updatedAt.toISOString() };
}

/** Returns false when the shop has no such entry (another shop's id included). */
export async function updateFaq(db: Db, shop: string, id: string, input: FaqInput): Promise<boolean> {
  const { count } = await db.faqEntry.updateMany({
    where: { shop, id },
    data: { question: input.question, answer: input.answer },
  });
  if (count) forgetKnowledge(shop);
  return count > 0;
}

export async function deleteFaq(db: Db, shop: string, id: string): Promise<boolean> {
  const { count } = await db.faqEntry.deleteMany({ where: { shop, id } });
  if (count) forgetKnowledge(shop);
  return count > 0;
}

export interface CsvRowError {
  /** The line in the file (1 is the header). */
  line: number;
  message: string;
}

export type FaqImportResult =
  { ok: true; created: number; updated: number } | { ok: false; errors: CsvRowError[]; fileError?: string };

/**
 * Imports FAQ entries from CSV text with `question` and `answer` columns (any order, any
 * case; other columns are ignored). All or nothing: if any row is wrong, nothing is saved
 * and every wrong row is reported with its line, so the merchant fixes the file and
 * uploads it again without creating half the entries twice. A question the shop already
 * has gets the file's answer.
 */
export async function importFaqCsv(db: Db, shop: string, text: string): Promise<FaqImportResult> {
  if (Buffer.byteLength(text, "utf8") > FAQ_LIMITS.csvBytes) {
    return { ok: false, errors: [], fileError: "The file is larger than 1 MB. Split it into smaller files." };
  }
  let records: string[][];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ""), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      ok: false,
      errors: [],
      fileError: `The file is not valid CSV${line ? ` (near line ${line})` : ""}: ${(error as Error).message}`,
    };
  }
  if (records.length === 0) return { ok: false, errors: [], fileError: "The file is empty." };
  const header = records[0].map((cell) => cell.trim().toLowerCase());
  const questionAt = header.indexOf("question");
  const answerAt = header.indexOf("answer");
  if (questionAt < 0 || answerAt < 0) {
    return {
      ok: false,
      errors: [],
      fileError: "The first line must name the columns, with one called question and one called answer.",
    };
  }
  const rows = records.slice(1);
  if (rows.length === 0) return { ok: false, errors: [], fileError: "The file has a header but no entries." };
  if (rows.length > FAQ_LIMITS.csvRows) {
    return {
      ok: false,
      errors: [],
      fileError: `The file has ${rows.length.toLocaleString("en")} entries; import at most ${FAQ_LIMITS.csvRows.toLocaleString("en")} at a time.`,
    };
  }

  const errors: CsvRowError[] = [];
  const entries: (FaqInput & { line: number })[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    // Line numbers as a spreadsheet shows them; csv-parse skipped only empty lines, which
    // are rare in exports, so the row index is the honest position.
    const line = index + 2;
    const parsed = FaqInputSchema.safeParse({ question: row[questionAt] ?? "", answer: row[answerAt] ?? "" });
    if (!parsed.success) {
      errors.push({ line, message: parsed.error.issues.map((issue) => issue.message).join(" ") });
      return;
    }
    const key = normalise(parsed.data.question);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line, message: `The same question is already on line ${first}.` });
      return;
    }
    seen.set(key, line);
    entries.push({ ...parsed.data, line });
  });
  if (errors.length) return { ok: false, errors };

  const existing = await db.faqEntry.findMany({ where: { shop }, select: { id: true, question: true } });
  const byQuestion = new Map(existing.map((row) => [normalise(row.question), row.id]));
  const creates = entries.filter((entry) => !byQuestion.has(normalise(entry.question)));
  if (existing.length + creates.length > FAQ_LIMITS.entries) {
    return {
      ok: false,
      errors: [],
      fileError: `The shop has ${existing.length} FAQ entries and the file adds ${creates.length}; a shop can have at most ${FAQ_LIMITS.entries}.`,
    };
  }
  await db.$transaction([
    ...entries
      .filter((entry) => byQuestion.has(normalise(entry.question)))
      .map((entry) =>
        db.faqEntry.updateMany({
          where: { shop, id: byQuestion.get(normalise(entry.question))! },
          data: { answer: entry.answer },
        }),
      ),
    ...(creates.length
      ? [db.faqEntry.createMany({ data: creates.map(({ question, answer }) => ({ shop, question, answer })) })]
      : []),
  ]);
  forgetKnowledge(shop);
  return { ok: true, created: creates.length, updated: entries.length - creates.length };
}

/** A shopper question the assistant did not resolve, or whose answer got a thumbs down. */
export interface QuestionView {
  /** The assistant message's id. */
  id: string;
  question: string;
  answer: string;
  intent: string | null;
  at: string;
}

const QUESTIONS_SHOWN = 50;

async function questions(
  db: Db,
  keyRing: KeyRing,
  shop: string,
  where: { resolved: false } | { feedback: -1 },
): Promise<QuestionView[]> {
  const replies = await db.message.findMany({
    where: { shop, role: "assistant", replyToId: { not: null }, ...where },
    orderBy: { createdAt: "desc" },
    take: QUESTIONS_SHOWN,
    select: { id: true, text: true, intent: true, createdAt: true, replyToId: true },
  });
  const asked = await db.message.findMany({
    where: { shop, id: { in: replies.map((r) => r.replyToId!) } },
    select: { id: true, text: true },
  });
  const byId = new Map(asked.map((m) => [m.id, m.text]));
  return replies
    .filter((reply) => byId.has(reply.replyToId!))
    .map((reply) => ({
      id: reply.id,
      question: decrypt(keyRing, byId.get(reply.replyToId!)!),
      answer: decrypt(keyRing, reply.text),
      intent: reply.intent,
      at: reply.createdAt.toISOString(),
    }));
}

/** The newest questions the assistant could not answer (it said so, or handed off). */
export const unansweredQuestions = (db: Db, keyRing: KeyRing, shop: string) =>
  questions(db, keyRing, shop, { resolved: false });

/** The newest answers shoppers marked unhelpful. */
export const lowRatedQuestions = (db: Db, keyRing: KeyRing, shop: string) =>
  questions(db, keyRing, shop, { feedback: -1 });

/** Intents a merchant can teach: the assistant's own, plus "out of scope" to make it decline. */
export const TEACHABLE_INTENTS = [...SHOP_INTENTS, OUT_OF_SCOPE] as const;

export const PhraseInputSchema = z.object({
  text: z
    .string({ error: "Write what a shopper might say." })
    .trim()
    .min(2, { error: "Write what a shopper might say." })
    .max(200, { error: "Keep the phrase under 200 characters." })
    .refine((text) => text.length <= MAX_TEXT_LENGTH),
  intent: z.enum(TEACHABLE_INTENTS, { error: "Choose what the shopper wants from the list." }),
});
export type PhraseInput = z.infer<typeof PhraseInputSchema>;

export interface PhraseView {
  id: string;
  text: string;
  intent: string;
  createdAt: string;
}

export async function listPhrases(db: Db, shop: string): Promise<PhraseView[]> {
  const rows = await db.intentPhrase.findMany({
    where: { shop },
    orderBy: { createdAt: "desc" },
    take: MAX_MERCHANT_PHRASES,
  });
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    intent: row.intent,
    createdAt: row.createdAt.toISOString(),
  }));
}

export type AddPhraseResult = { ok: true; phrase: PhraseView } | { ok: false; errors: FieldErrors };

export async function addPhrase(db: Db, shop: string, input: PhraseInput): Promise<AddPhraseResult> {
  if ((await db.intentPhrase.count({ where: { shop } })) >= MAX_MERCHANT_PHRASES) {
    return { ok: false, errors: { text: `You can teach at most ${MAX_MERCHANT_PHRASES} phrases; remove some first.` } };
  }
  const text = input.text.replace(/\s+/g, " ");
  const existing = await db.intentPhrase.findUnique({ where: { shop_text: { shop, text } } });
  if (existing) return { ok: false, errors: { text: "You have already taught this phrase." } };
  const row = await db.intentPhrase.create({ data: { shop, text, intent: input.intent } });
  forgetClassifier(shop);
  return {
    ok: true,
    phrase: { id: row.id, text: row.text, intent: row.intent, createdAt: row.createdAt.toISOString() },
  };
}

export async function deletePhrase(db: Db, shop: string, id: string): Promise<boolean> {
  const { count } = await db.intentPhrase.deleteMany({ where: { shop, id } });
  if (count) forgetClassifier(shop);
  return count > 0;
}
