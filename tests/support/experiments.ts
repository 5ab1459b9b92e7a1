import { db } from "~/db.server";
import { saveExperiment, startExperiment, type ExperimentDraft } from "~/experiments/store.server";
import { STRATEGIES, type StrategyName, type StrategyWeights } from "~/recommend/types";

/** Saves and starts an experiment; returns the stored experiment. */
export async function startExperimentFrom(domain: string, draft: ExperimentDraft) {
  const saved = await saveExperiment(db, domain, draft, new Date());
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const started = await startExperiment(db, domain, saved.experiment.experiment.id, new Date());
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  return started.experiment.experiment;
}

/** Saves and starts a 50/50 greeting experiment with these two greetings; returns its id. */
export async function startGreetingExperiment(
  domain: string,
  greetings: [string, string] = ["Hi there! Ask me anything about our teas.", "Questions? Ask away."],
) {
  const experiment = await startExperimentFrom(domain, {
    name: "Friendly or brief",
    kind: "greeting",
    primaryMetric: "engagement",
    variants: [
      { name: "Friendly", percent: 50, payload: greetings[0] },
      { name: "Brief", percent: 50, payload: greetings[1] },
    ],
  });
  return experiment.id;
}

/** Strategy weights that use one strategy alone. */
export function onlyStrategy(strategy: StrategyName): StrategyWeights {
  return Object.fromEntries(STRATEGIES.map((name) => [name, name === strategy ? 1 : 0])) as StrategyWeights;
}

/** Saves and starts a 50/50 strategy experiment: variant "a" popular only, "b" trending only. */
export function startPopularOrTrending(domain: string, primaryMetric: ExperimentDraft["primaryMetric"]) {
  return startExperimentFrom(domain, {
    name: "Popular or trending",
    kind: "strategy",
    primaryMetric,
    variants: [
      { name: "Popular", percent: 50, payload: JSON.stringify(onlyStrategy("popular")) },
      { name: "Trending", percent: 50, payload: JSON.stringify(onlyStrategy("trending")) },
    ],
  });
}
