// Preloaded into the Prisma CLI by scripts/prisma.mjs. On PostgreSQL the WebAssembly
// schema engine leaves a 10-second timer pending after `migrate deploy` has finished,
// which held every migration run for 10 seconds. Long timers are unref'd so the CLI
// exits as soon as its work is done; they still fire if the work is not done.
const setTimeoutOriginal = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = setTimeoutOriginal(callback, ms, ...args);
  if (ms >= 5000 && typeof timer?.unref === "function") timer.unref();
  return timer;
};
