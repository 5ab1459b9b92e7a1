/**
 * English keeps its built-in phrases where the classifier has always read them
 * (nlu/shop-examples.ts, also used by the spelling corrector and the admin pages), so English
 * training is unchanged; this folder is its entry in the language registry.
 */
export { OUT_OF_SCOPE_EXAMPLES as OUT_OF_SCOPE, SHOP_EXAMPLES as EXAMPLES } from "../../nlu/shop-examples";
