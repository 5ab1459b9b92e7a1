import type { AssistantReply, AssistantResult, ConversationState } from "../../app/assistant/contract";
import { violations } from "./checks";
import type { Category, Script, World } from "./types";

/**
 * Runs scripted conversations through a responder and scores them. Pure: the responder
 * is handed in (the real `respond()` in `npm run eval:conversations`, a fake in the
 * harness's own tests), so what counts as a pass is tested apart from the engine.
 */

export type SetName = "dev" | "held-out";

export const CATEGORIES: Category[] = [
  "orders",
  "policies",
  "products",
  "recommendations",
  "handoff",
  "out_of_scope",
  "small_talk",
];

/** One turn for the responder: the script (its customer and page), the words, the carried state. */
export interface ResponderTurn {
  script: Script;
  text: string;
  state: ConversationState;
  history: { role: "user" | "assistant"; content: string }[];
}

export type Responder = (turn: ResponderTurn) => Promise<AssistantResult>;

export interface TurnResult {
  say: string;
  reply: AssistantReply;
  /** The messages of the checks that failed, and of the cards that broke a constraint. */
  failures: string[];
  violations: string[];
}

export interface ConversationResult {
  id: string;
  set: SetName;
  category: Category;
  passed: boolean;
  turns: TurnResult[];
  /** Set when the responder (or a check) threw: the conversation fails at that turn. */
  error?: { say: string; message: string };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function runConversation(script: Script, set: SetName, world: World, respond: Responder) {
  let state: ConversationState = {};
  const previous: AssistantReply[] = [];
  const history: ResponderTurn["history"] = [];
  const turns: TurnResult[] = [];
  for (const turn of script.turns) {
    let result: AssistantResult;
    try {
      result = await respond({ script, text: turn.say, state, history: [...history] });
    } catch (error) {
      return {
        id: script.id,
        set,
        category: script.category,
        passed: false,
        turns,
        error: { say: turn.say, message: message(error) },
      };
    }
    const failures: string[] = [];
    for (const check of turn.expect) {
      try {
        const failure = check(result.reply, world, [...previous]);
        if (failure) failures.push(failure);
      } catch (error) {
        failures.push(`the check threw: ${message(error)}`);
      }
    }
    const broken = violations(result.reply, world, turn.constraints);
    for (const why of broken) failures.push(`constraint broken by ${why}`);
    turns.push({ say: turn.say, reply: result.reply, failures, violations: broken });
    previous.push(result.reply);
    history.push({ role: "user", content: turn.say }, { role: "assistant", content: result.reply.text });
    state = result.state;
  }
  return {
    id: script.id,
    set,
    category: script.category,
    passed: turns.every((t) => t.failures.length === 0),
    turns,
  } satisfies ConversationResult;
}

/** Runs the scripts one after another (a conversation's turns depend on each other). */
export async function runScripts(
  scripts: { script: Script; set: SetName }[],
  world: World,
  respond: Responder,
  onResult?: (result: ConversationResult) => void,
): Promise<ConversationResult[]> {
  const results: ConversationResult[] = [];
  for (const { script, set } of scripts) {
    const result = await runConversation(script, set, world, respond);
    onResult?.(result);
    results.push(result);
  }
  return results;
}

/** passed / conversations, cut (never rounded up) to three decimals; null for an empty set. */
export function rate(passed: number, conversations: number): number | null {
  return conversations === 0 ? null : Math.floor((passed * 1000) / conversations) / 1000;
}

export interface Summary {
  conversations: number;
  passed: number;
  dev: { conversations: number; passed: number; rate: number | null };
  heldOut: { conversations: number; passed: number; rate: number | null };
  byCategory: Record<string, { conversations: number; passed: number }>;
  constraintViolations: number;
}

export function summarize(results: ConversationResult[]): Summary {
  const count = (list: ConversationResult[]) => ({
    conversations: list.length,
    passed: list.filter((r) => r.passed).length,
  });
  const ofSet = (set: SetName) => {
    const c = count(results.filter((r) => r.set === set));
    return { ...c, rate: rate(c.passed, c.conversations) };
  };
  const byCategory: Summary["byCategory"] = {};
  for (const category of CATEGORIES) {
    const c = count(results.filter((r) => r.category === category));
    if (c.conversations) byCategory[category] = c;
  }
  return {
    ...count(results),
    dev: ofSet("dev"),
    heldOut: ofSet("held-out"),
    byCategory,
    constraintViolations: results.reduce((sum, r) => sum + r.turns.reduce((n, t) => n + t.violations.length, 0), 0),
  };
}

/** Scripts' ids must be unique within a set: a duplicate would hide one script's result. */
export function duplicateIds(scripts: Script[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const script of scripts) (seen.has(script.id) ? duplicates : seen).add(script.id);
  return [...duplicates];
}

const shorten = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The report of one conversation: every turn with `verbose`, else only what failed. */
export function describeResult(result: ConversationResult, verbose = false): string[] {
  if (result.passed && !verbose) return [];
  const lines = [`${result.passed ? "PASS" : "FAIL"} ${result.id} (${result.set}, ${result.category})`];
  for (const turn of result.turns) {
    if (!verbose && turn.failures.length === 0) continue;
    lines.push(`  > ${turn.say}`);
    lines.push(`  < ${shorten(turn.reply.text).replace(/\n/g, " ")}`);
    const cards = (turn.reply.products ?? []).map((p) => `${p.title} ${p.price.amount}`);
    if (verbose && cards.length) lines.push(`    cards: ${shorten(cards.join("; "))}`);
    if (verbose && turn.reply.order) lines.push(`    order: ${turn.reply.order.name}`);
    for (const failure of turn.failures) lines.push(`    ✗ ${failure}`);
  }
  if (result.error) lines.push(`  > ${result.error.say}`, `    ✗ the assistant threw: ${result.error.message}`);
  return lines;
}
