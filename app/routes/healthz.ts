import { db } from "../db.server";

// Liveness and readiness for load balancers and the demo: the database answers.
export const loader = async () => {
  await db.$queryRawUnsafe("SELECT 1");
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
};
