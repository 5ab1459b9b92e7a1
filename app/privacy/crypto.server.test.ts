import { describe, expect, it } from "vitest";
import { decrypt, encrypt, generateKeyMaterial, keyIdOf, lookupHash, parseKeyRing } from "./crypto.server";

const ringFrom = (material = generateKeyMaterial()) => parseKeyRing(material.ENCRYPTION_KEYS, material.LOOKUP_HASH_KEY);

describe("encryption at rest", () => {
  it("GIVEN a value THEN it round-trips and the stored form shows neither the value nor a fixed pattern", () => {
    const ring = ringFrom();
    const a = encrypt(ring, "pat@example.com");
    const b = encrypt(ring, "pat@example.com");

    expect(decrypt(ring, a)).toBe("pat@example.com");
    expect(a).not.toContain("pat");
    expect(a).not.toBe(b);
    expect(keyIdOf(a)).toBe("k1");
  });

  it("GIVEN a tampered ciphertext THEN decryption fails instead of returning garbage", () => {
    const ring = ringFrom();
    const sealed = encrypt(ring, "Pat Doe");
    const parts = sealed.split(".");
    parts[4] = Buffer.from("Mallory").toString("base64url");

    expect(() => decrypt(ring, parts.join("."))).toThrow();
  });

  it("GIVEN a rotated key ring THEN old values still open and new ones use the new key", () => {
    const old = generateKeyMaterial("k1");
    const oldRing = ringFrom(old);
    const sealed = encrypt(oldRing, "Pat Doe");
    const fresh = generateKeyMaterial("k2");
    const rotated = parseKeyRing(`${fresh.ENCRYPTION_KEYS},${old.ENCRYPTION_KEYS}`, old.LOOKUP_HASH_KEY);

    expect(decrypt(rotated, sealed)).toBe("Pat Doe");
    expect(keyIdOf(encrypt(rotated, "x"))).toBe("k2");
  });

  it("GIVEN a value sealed by a key that is gone THEN the error names the missing key", () => {
    const sealed = encrypt(ringFrom(generateKeyMaterial("old")), "x");
    expect(() => decrypt(ringFrom(generateKeyMaterial("new")), sealed)).toThrow(/"old" is not configured/);
  });

  it("GIVEN two spellings of one email THEN their lookup hashes match, and another key's do not", () => {
    const ring = ringFrom();
    expect(lookupHash(ring, " Pat@Example.com ")).toBe(lookupHash(ring, "pat@example.com"));
    expect(lookupHash(ringFrom(), "pat@example.com")).not.toBe(lookupHash(ring, "pat@example.com"));
  });

  it("GIVEN a short key THEN the error says how long it must be", () => {
    expect(() =>
      parseKeyRing(`k1:${Buffer.alloc(16).toString("base64")}`, generateKeyMaterial().LOOKUP_HASH_KEY),
    ).toThrow(/must be 32 bytes/);
  });
});
