import { env } from "../env.server";
import { parseKeyRing, type KeyRing } from "./crypto.server";

/** The app's key ring, from ENCRYPTION_KEYS and LOOKUP_HASH_KEY. */
export const keyRing: KeyRing = parseKeyRing(env.ENCRYPTION_KEYS, env.LOOKUP_HASH_KEY);
