import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * Encryption at rest for personal data (names, emails, phones, addresses, message text).
 *
 * AES-256-GCM from node:crypto; each value carries the id of the key that sealed it
 * (`v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts), so keys can be rotated: new
 * values use the first key, old values stay readable while their key is configured, and
 * `npm run keys:rotate` re-encrypts them under the current key.
 *
 * Lookups that must match a value (an order's email, to verify a shopper) use a keyed
 * hash (HMAC-SHA256 over the normalised value) instead of the plaintext.
 */

export interface KeyRing {
  /** Seals new values. */
  current: { id: string; key: Buffer };
  /** Every key that may still open stored values, by id. */
  keys: Map<string, Buffer>;
  /** Key for lookup hashes; not rotated with the encryption keys (see keys:rotate). */
  hashKey: Buffer;
}

const PREFIX = "v1";

/**
 * Parses `ENCRYPTION_KEYS` ("id:base64key,id:base64key", current key first, each 32
 * bytes) and `LOOKUP_HASH_KEY` (base64, at least 32 bytes).
 */
export function parseKeyRing(encryptionKeys: string, lookupHashKey: string): KeyRing {
  const entries = encryptionKeys
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, material] = part.split(":");
      if (!id || !material || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
        throw new Error('ENCRYPTION_KEYS entries look like "k1:<base64 of 32 random bytes>"');
      }
      const key = Buffer.from(material, "base64");
      if (key.length !== 32)
        throw new Error(`ENCRYPTION_KEYS key "${id}" must be 32 bytes (base64), got ${key.length}`);
      return [id, key] as const;
    });
  if (entries.length === 0) throw new Error("ENCRYPTION_KEYS needs at least one key");
  const hashKey = Buffer.from(lookupHashKey, "base64");
  if (hashKey.length < 32) throw new Error("LOOKUP_HASH_KEY must be at least 32 bytes (base64)");
  const [id, key] = entries[0];
  return { current: { id, key }, keys: new Map(entries), hashKey };
}

/** A fresh key ring's environment values, for the demo and for `npm run keys:new`. */
export function generateKeyMaterial(id = "k1") {
  return {
    ENCRYPTION_KEYS: `${id}:${randomBytes(32).toString("base64")}`,
    LOOKUP_HASH_KEY: randomBytes(32).toString("base64"),
  };
}

export function encrypt(ring: KeyRing, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    PREFIX,
    ring.current.id,
    iv.toString("base64url"),
    tag.toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

export function decrypt(ring: KeyRing, sealed: string): string {
  const [prefix, keyId, iv, tag, ciphertext] = sealed.split(".");
  if (prefix !== PREFIX || !keyId || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new Error("not an encrypted value");
  }
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`encryption key "${keyId}" is not configured (ENCRYPTION_KEYS)`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

export const encryptNullable = (ring: KeyRing, value: string | null | undefined) =>
  value == null || value === "" ? null : encrypt(ring, value);

export const decryptNullable = (ring: KeyRing, value: string | null | undefined) =>
  value == null ? null : decrypt(ring, value);

/** The id of the key that sealed a value, or null when it is not one of ours. */
export function keyIdOf(sealed: string): string | null {
  const [prefix, keyId] = sealed.split(".");
  return prefix === PREFIX && keyId ? keyId : null;
}

/**
 * A keyed hash for equality lookups. Emails are compared case-insensitively and
 * without surrounding spaces, as shoppers type them.
 */
export function lookupHash(ring: KeyRing, value: string): string {
  return createHmac("sha256", ring.hashKey).update(value.trim().toLowerCase(), "utf8").digest("base64url");
}

export const lookupHashNullable = (ring: KeyRing, value: string | null | undefined) =>
  value == null || value.trim() === "" ? null : lookupHash(ring, value);
