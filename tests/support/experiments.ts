import { db } from "~/db.server";
import { saveExperiment, startExperiment } from "~/experiments/store.server";

/** Saves and starts a 50/50 greeting experiment with these two greetings; returns its id. */
export async function startGreetingExperiment(
  domain: string,
  greetings: [string, string] = ["Hi there! Ask me anything about our teas.", "Questions? Ask away."],
) {
  const saved = await saveExperiment(
    db,
    domain,
    {
      name: "Friendly or brief",
      kind: "greeting",
      primaryMetric: "engagement",
      variants: [
        { name: "Friendly", percent: 50, payload: greetings[0] },
        { name: "Brief", percent: 50, payload: greetings[1] },
      ],
    },
    new Date(),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const started = await startExperiment(db, domain, saved.experiment.experiment.id, new Date());
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  return started.experiment.experiment.id;
}
