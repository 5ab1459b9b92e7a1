import { describe, expect, it } from "vitest";
import { createRandom } from "./linear";
import { fitPlatt, OUT_OF_SCOPE, trainIntentClassifier, wilsonLowerBound, type IntentExample } from "./classifier";

const phrases: Record<string, string[]> = {
  track: [
    "where is my parcel",
    "track my parcel",
    "has my parcel shipped",
    "when will my parcel arrive",
    "parcel tracking please",
    "my parcel is late",
    "is my parcel on the way",
    "tracking number for my parcel",
  ],
  refund: [
    "i want a refund",
    "refund my money",
    "how do refunds work",
    "when do i get my refund",
    "refund please",
    "can i have a refund",
    "is my refund processed",
    "refund for a broken item",
  ],
  hours: [
    "what are your opening hours",
    "when do you open",
    "opening hours on sunday",
    "are you open today",
    "what time do you open",
    "hours of the shop",
    "when do you close",
    "closing hours",
  ],
};
const outOfScope = [
  "what is the weather in paris",
  "tell me a joke about cats",
  "who won the football match",
  "what is seven times eight",
  "write me a poem",
  "how tall is everest",
  "capital city of spain",
  "sing me a song",
];
const examples: IntentExample[] = [
  ...Object.entries(phrases).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent }))),
  ...outOfScope.map((text) => ({ text, intent: OUT_OF_SCOPE })),
];

describe("trainIntentClassifier", () => {
  const classifier = trainIntentClassifier(examples);

  it("GIVEN training phrases WHEN a paraphrase is classified THEN its intent comes back with a ranking", () => {
    const prediction = classifier.classify("where's my parcel, is it on the way?");
    expect(prediction.intent).toBe("track");
    expect(prediction.ranking[0].intent).toBe("track");
    expect(prediction.confidence).toBeGreaterThan(0);
    expect(prediction.confidence).toBeLessThanOrEqual(1);
    expect(prediction.ranking).toHaveLength(3);
    for (let i = 1; i < prediction.ranking.length; i++) {
      expect(prediction.ranking[i - 1].score).toBeGreaterThanOrEqual(prediction.ranking[i].score);
    }
    const total = prediction.ranking.reduce((sum, r) => sum + r.score, 0);
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
  });

  it("GIVEN out-of-scope training examples WHEN an unrelated question comes THEN it is out of scope", () => {
    expect(classifier.classify("what's the weather like in london").intent).toBeNull();
  });

  it("GIVEN odd input WHEN classified THEN it never throws and stays a probability", () => {
    for (const text of ["", "   ", "🙂🙂🙂", "#".repeat(5000), undefined as unknown as string]) {
      const prediction = classifier.classify(text);
      expect(prediction.confidence).toBeGreaterThanOrEqual(0);
      expect(prediction.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("GIVEN no validation set WHEN trained THEN calibration used out-of-fold predictions of every example", () => {
    expect(classifier.intents).toEqual(["hours", "refund", "track"]);
    expect(classifier.calibration.heldOutExamples).toBe(examples.length);
    expect(classifier.calibration.heldOutOutOfScope).toBe(outOfScope.length);
    expect(classifier.calibration.temperature).toBeGreaterThan(0);
  });

  it("GIVEN a validation set WHEN trained THEN calibration and threshold come from it alone", () => {
    const validation = [
      { text: "track the parcel", intent: "track" },
      { text: "refund me", intent: "refund" },
      { text: "open on monday?", intent: "hours" },
      { text: "how old is the moon", intent: OUT_OF_SCOPE },
    ];
    const tuned = trainIntentClassifier(examples, { validation });
    expect(tuned.calibration.heldOutExamples).toBe(4);
    expect(tuned.calibration.heldOutOutOfScope).toBe(1);
  });

  it("GIVEN a fixed threshold WHEN set to 1 THEN everything is out of scope; at 0 nothing in scope is rejected", () => {
    const strict = trainIntentClassifier(examples, { threshold: 1 });
    expect(strict.classify("refund please").intent).toBeNull();
    const lenient = trainIntentClassifier(
      examples.filter((e) => e.intent !== OUT_OF_SCOPE),
      { threshold: 0 },
    );
    expect(lenient.classify("what is the weather in paris").intent).not.toBeNull();
  });

  it("GIVEN fewer than two classes WHEN trained THEN it refuses", () => {
    expect(() => trainIntentClassifier([{ text: "hi", intent: "greeting" }])).toThrow(/two classes/);
    expect(() => trainIntentClassifier([])).toThrow(/two classes/);
  });
});

describe("fitPlatt", () => {
  it("GIVEN outcomes drawn from a known sigmoid WHEN fitted THEN the slope and offset are recovered", () => {
    const random = createRandom(5);
    const scores: number[] = [];
    const correct: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const s = random() * 4 - 2;
      scores.push(s);
      correct.push(random() < 1 / (1 + Math.exp(-(3 * s - 1))));
    }
    const { a, b } = fitPlatt(scores, correct);
    expect(a).toBeCloseTo(3, 0);
    expect(b).toBeCloseTo(-1, 0);
  });

  it("GIVEN only right answers WHEN fitted THEN the fit stays finite", () => {
    const { a, b } = fitPlatt([0.1, 0.5, 0.9], [true, true, true]);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
  });
});

describe("wilsonLowerBound", () => {
  it("GIVEN 64 of 100 at 95 % one-sided WHEN bounded THEN it is about 0.558", () => {
    expect(wilsonLowerBound(64, 100, 1.645)).toBeCloseTo(0.558, 3);
  });

  it("GIVEN fewer trials WHEN bounded THEN the bound is lower for the same rate", () => {
    expect(wilsonLowerBound(6, 10, 1.645)).toBeLessThan(wilsonLowerBound(60, 100, 1.645));
    expect(wilsonLowerBound(0, 0, 1.645)).toBe(0);
  });
});

describe("trainIntentClassifier with a language", () => {
  const german: IntentExample[] = [
    ...["wo ist mein paket", "mein paket ist verspätet", "wann kommt mein paket an", "paket verfolgen bitte"].map(
      (text) => ({ text, intent: "track" }),
    ),
    ...[
      "ich möchte eine rückerstattung",
      "geld zurück bitte",
      "wann bekomme ich mein geld zurück",
      "erstattung für die bestellung",
    ].map((text) => ({ text, intent: "refund" })),
    ...["wann habt ihr geöffnet", "öffnungszeiten am sonntag", "habt ihr heute offen", "wann schließt ihr"].map(
      (text) => ({
        text,
        intent: "hours",
      }),
    ),
  ];

  it("GIVEN German examples and language de WHEN inflected, accent-less paraphrases come THEN their intents come back", () => {
    const classifier = trainIntentClassifier(german, { language: "de", threshold: 0 });
    expect(classifier.classify("Wo sind meine Pakete?").intent).toBe("track");
    expect(classifier.classify("Rückerstattungen").intent).toBe("refund");
    expect(classifier.classify("Offnungszeiten").intent).toBe("hours");
  });

  it("GIVEN stems alone (no character n-grams) WHEN German word forms unseen in training come THEN only German stems match them", () => {
    const stemsOnly = { threshold: 0, features: { charNgramMin: 40, charNgramMax: 40 } };
    const de = trainIntentClassifier(german, { ...stemsOnly, language: "de" });
    const en = trainIntentClassifier(german, stemsOnly);
    // "verfolge" and "Erstattungen" share Snowball German stems with "verfolgen" and "erstattung"; Porter2 leaves them apart.
    expect(de.classify("verfolge").intent).toBe("track");
    expect(de.classify("Erstattungen").ranking[0]).toMatchObject({ intent: "refund" });
    expect(de.classify("Erstattungen").ranking[0].score).toBeGreaterThan(0.8);
    expect(en.classify("verfolge").ranking[0].score).toBeLessThan(0.5);
    expect(en.classify("Erstattungen").ranking[0].score).toBeLessThan(0.5);
  });

  it("GIVEN language en WHEN trained THEN the model is the default one, score for score", () => {
    const byDefault = trainIntentClassifier(examples);
    const english = trainIntentClassifier(examples, { language: "en" });
    expect(english.calibration).toEqual(byDefault.calibration);
    for (const text of ["where's my parcel", "refund please", "tell me a joke"]) {
      expect(english.classify(text)).toEqual(byDefault.classify(text));
    }
  });

  it("GIVEN a language without an analyser WHEN trained THEN it refuses rather than analysing as English", () => {
    expect(() => trainIntentClassifier(german, { language: "it" })).toThrow(/no text analyser/);
  });
});
