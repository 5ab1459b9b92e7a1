import { assignVariant, type Experiment, type ExposureEvent } from "./ab";
import { chooseArm, type BanditState, type Random } from "./bandit";

/**
 * Who decides what a shopper sees when there are several options (greeting variants in
 * a slot, or recommendation strategies): a running experiment that covers the shopper
 * decides by its fixed split, so its comparison stays fair; otherwise the bandit for the
 * shopper's context adapts; a single option needs no decision.
 */

export interface ChooseInput {
  kind: Experiment["kind"];
  /** The options available here: greeting template ids or strategy names. */
  options: readonly string[];
  experiments: readonly Experiment[];
  visitorKey: string;
  segments: readonly string[];
  bandit: BanditState;
  /** The bandit context, e.g. strategyBanditKey(segment) or greetingBanditKey(segment, slot). */
  banditKey: string;
  now: Date;
  random?: Random;
}

export type ChooseResult =
  | { option: string; decidedBy: "experiment"; experimentId: string; variantId: string; exposure: ExposureEvent }
  | { option: string; decidedBy: "bandit"; banditKey: string }
  | { option: string; decidedBy: "only-option" };

export function strategyBanditKey(segment: string): string {
  return `strategy:${segment}`;
}

export function chooseOption(input: ChooseInput): ChooseResult | null {
  const { options } = input;
  if (options.length === 0) return null;
  for (const experiment of input.experiments) {
    if (experiment.kind !== input.kind) continue;
    // An experiment only decides where all its variants can be shown; otherwise its
    // groups would see different things than the merchant set up.
    if (!experiment.variants.every((variant) => options.includes(variant.payload))) continue;
    const variant = assignVariant(experiment, input.visitorKey, { segments: input.segments });
    if (!variant) continue;
    return {
      option: variant.payload,
      decidedBy: "experiment",
      experimentId: experiment.id,
      variantId: variant.id,
      exposure: {
        type: "exposure",
        experimentId: experiment.id,
        variantId: variant.id,
        visitorKey: input.visitorKey,
        at: input.now.toISOString(),
      },
    };
  }
  if (options.length === 1) return { option: options[0], decidedBy: "only-option" };
  const { arm } = chooseArm(input.bandit, input.banditKey, options, { random: input.random, now: input.now });
  return { option: arm, decidedBy: "bandit", banditKey: input.banditKey };
}
