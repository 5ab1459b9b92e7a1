// npm run bench:chat [-- --products 10000 --turns 3000 --mixed-turns 2000]
//
// Chat turn latency of the assistant (understand → decide → answer from data) against a
// generated shop of 10,000 products brought in by the real full sync, with a realistic mix
// of shopper messages: product searches with prices and colours, follow-ups, policy and
// shipping questions, order status with verification, recommendations, small talk and
// out-of-scope questions. Measures the assistant's work per turn (what a chat request adds
// on top of authentication and storage), in one process on SQLite. Prints one JSON line last.
import { performance } from "node:perf_hooks";
import { syncedBenchShop } from "./support/synced-shop";

function option(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 ? Number(process.argv[index + 1]) : fallback;
}

const PRODUCTS = option("products", 10_000);
const TURNS = option("turns", 3_000);
// The mixed-language run: the same shop publishing English, French, German and Spanish.
const MIXED_TURNS = option("mixed-turns", 2_000);
const log = (message: string) => process.stderr.write(`${message}\n`);

const { db, domain, fakeShop, close } = await syncedBenchShop("chat", { products: PRODUCTS, seed: 42 }, log);
const { respond } = await import("../app/assistant/respond.server");
const { builtInClassifier } = await import("../app/assistant/understand.server");
const { messageMix } = await import("./chat/messages");
builtInClassifier();

const conversations = messageMix(fakeShop, { turns: TURNS, seed: 7 });
// Warm the per-shop caches (catalog snapshot, knowledge, recommender index) the way the
// first chats of a running app do; they are not what a turn costs afterwards.
await respond(db, {
  shop: domain,
  conversationId: "warm",
  customerId: null,
  visitorId: "warm",
  text: "hello",
  locale: "en",
  personalization: true,
  state: {},
});
await respond(db, {
  shop: domain,
  conversationId: "warm",
  customerId: null,
  visitorId: "warm",
  text: "what do you recommend?",
  locale: "en",
  personalization: true,
  state: {},
});

log(`running ${TURNS.toLocaleString("en")} turns…`);
// CHAT_PROFILE=file.cpuprofile records a CPU profile of the turns alone (not the set-up).
const profiler = process.env.CHAT_PROFILE ? new (await import("node:inspector/promises")).Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
const durations: number[] = [];
const started = performance.now();
const intents = new Map<string, number[]>();
for (const script of conversations) {
  let state = {};
  for (const text of script.messages) {
    const t0 = performance.now();
    const result = await respond(db, {
      shop: domain,
      conversationId: script.id,
      customerId: script.customerId,
      visitorId: script.id,
      text,
      locale: "en",
      personalization: true,
      state,
    });
    const duration = performance.now() - t0;
    durations.push(duration);
    state = result.state;
    const intent = result.reply.intent ?? "out_of_scope";
    intents.set(intent, [...(intents.get(intent) ?? []), duration]);
  }
}
const elapsed = (performance.now() - started) / 1000;
if (profiler) {
  const { profile } = await profiler.post("Profiler.stop");
  (await import("node:fs")).writeFileSync(process.env.CHAT_PROFILE!, JSON.stringify(profile));
}
durations.sort((a, b) => a - b);
const pick = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
for (const [intent, times] of [...intents.entries()].sort()) {
  times.sort((a, b) => a - b);
  log(
    `  ${intent.padEnd(18)} turns ${String(times.length).padStart(5)}  p50 ${times[Math.floor(times.length / 2)].toFixed(2)} ms  p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms`,
  );
}

// Mixed languages: each message's language identified among the shop's four (eld), read by
// that language's classifier and answered from its message catalogue. The shop publishes the
// locales now; its facts are cached for 10 s, so these turns run a minute "later".
const mixed = await (async () => {
  if (MIXED_TURNS <= 0) return null;
  await db.shop.update({ where: { domain }, data: { locales: JSON.stringify(["en", "fr", "de", "es"]) } });
  const { mixedMessageMix } = await import("./chat/mixed-messages");
  const later = () => new Date(Date.now() + 60_000);
  // Warm-up as above: the identifier's n-gram database, the three classifiers, the snapshots.
  for (const [text, locale] of [
    ["bonjour", "fr"],
    ["hallo, wie kann ich etwas zurückschicken?", "de"],
    ["hola, ¿tenéis velas?", "es"],
    ["comment retourner un article ?", "fr"],
  ])
    await respond(db, {
      shop: domain,
      conversationId: "warm-mixed",
      customerId: null,
      visitorId: "warm",
      text,
      locale,
      personalization: true,
      state: {},
      now: later(),
    });
  log(`running ${MIXED_TURNS.toLocaleString("en")} mixed-language turns…`);
  const times: number[] = [];
  const languages = new Map<string, number>();
  const began = performance.now();
  for (const script of mixedMessageMix(fakeShop, { turns: MIXED_TURNS, seed: 11 })) {
    let state = {};
    for (const text of script.messages) {
      const t0 = performance.now();
      const result = await respond(db, {
        shop: domain,
        conversationId: script.id,
        customerId: script.customerId,
        visitorId: script.id,
        text,
        locale: script.locale,
        personalization: true,
        state,
        now: later(),
      });
      times.push(performance.now() - t0);
      state = result.state;
      const language = result.reply.language ?? "none";
      languages.set(language, (languages.get(language) ?? 0) + 1);
    }
  }
  const seconds = (performance.now() - began) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  log(`  mixed: answered in ${[...languages].map(([l, n]) => `${l} ${n}`).join(", ")}`);
  return {
    turns: times.length,
    p50Ms: Number(at(0.5).toFixed(2)),
    p95Ms: Number(at(0.95).toFixed(2)),
    turnsPerSecond: Math.round(times.length / seconds),
    repliesByLanguage: Object.fromEntries([...languages].sort()),
  };
})();
await close();
await db.$disconnect();
console.log(
  JSON.stringify({
    products: PRODUCTS,
    turns: durations.length,
    p50Ms: Number(pick(0.5).toFixed(2)),
    p95Ms: Number(pick(0.95).toFixed(2)),
    turnsPerSecond: Math.round(durations.length / elapsed),
    ...(mixed ? { mixed } : {}),
  }),
);
process.exit(0);
