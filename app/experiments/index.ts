export * from "./ab";
export * from "./bandit";
export * from "./choose";
export * from "./significance";
