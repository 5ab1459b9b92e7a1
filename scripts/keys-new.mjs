// npm run keys:new — prints fresh ENCRYPTION_KEYS and LOOKUP_HASH_KEY lines for .env.
// To rotate: put the new key first in ENCRYPTION_KEYS, keep the old ones after it, then
// run `npm run keys:rotate`. LOOKUP_HASH_KEY is not rotated (stored hashes depend on it).
import { randomBytes } from "node:crypto";

const id = process.argv[2] ?? `k${Math.floor(Date.now() / 1000).toString(36)}`;
console.log(`ENCRYPTION_KEYS=${id}:${randomBytes(32).toString("base64")}`);
console.log(`LOOKUP_HASH_KEY=${randomBytes(32).toString("base64")}`);
