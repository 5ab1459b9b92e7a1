/** The app's identity in tests and in the demo. Obviously not real credentials. */
export const TEST_API_KEY = "test-api-key-0000";
export const TEST_API_SECRET = "test-api-secret-not-real";
export const TEST_APP_URL = "https://assistant.test";
export const TEST_API_VERSION = "2026-07";
export const PROXY_PATH_PREFIX = "/apps/assistant";

/** Fixed test keys (never used outside tests): 32 bytes each, base64. */
export const TEST_ENCRYPTION_KEYS = `t1:${Buffer.alloc(32, 7).toString("base64")}`;
export const TEST_LOOKUP_HASH_KEY = Buffer.alloc(32, 9).toString("base64");
