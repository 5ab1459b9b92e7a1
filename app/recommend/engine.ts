/**
 * The recommendation engine's public surface. Pure TypeScript: the app builds an index from
 * rows it loaded (products, order lines, consented behaviour events) and asks it per request.
 */
export { buildRecommenderIndex, setProductState, type RecommenderIndex } from "./build";
export {
  DEFAULT_OPTIONS,
  DEFAULT_SIGNALS,
  DEFAULT_WEIGHTS,
  type RecommenderOptions,
  type RecommenderOptionsInput,
} from "./options";
export { bestsellers, discover, recommend, recommendWithStrategy } from "./recommend";
export * from "./types";
