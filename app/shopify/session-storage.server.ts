import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Db } from "../db.server";
import type { Session as SessionRow } from "../db/generated/sqlite/client";
import { decrypt, encrypt, keyIdOf, type KeyRing } from "../privacy/crypto.server";

/**
 * Shopify sessions in our Session table. Written here rather than taken from
 * @shopify/shopify-app-session-storage-prisma, which imports the classic generated
 * `@prisma/client` that the driver-adapter setup does not produce
 * (docs/decisions/0003-prisma-driver-adapters.md).
 *
 * Access and refresh tokens are sealed with the app's key ring: a copy of the database
 * alone does not let anyone call the Admin API as the shop.
 */
export class DbSessionStorage implements SessionStorage {
  constructor(
    private readonly db: Db,
    private readonly ring: KeyRing,
  ) {}

  async storeSession(session: Session): Promise<boolean> {
    const row = toRow(this.ring, session);
    await this.db.session.upsert({ where: { id: session.id }, create: row, update: row });
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.db.session.findUnique({ where: { id } });
    return row ? toSession(this.ring, row) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.db.session.deleteMany({ where: { id } });
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    await this.db.session.deleteMany({ where: { id: { in: ids } } });
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.db.session.findMany({ where: { shop }, take: 25 });
    return rows.map((row) => toSession(this.ring, row));
  }
}

/** The shop's offline access token, opened; null when the app holds none. */
export async function offlineAccessToken(db: Db, ring: KeyRing, shop: string): Promise<string | null> {
  const row = await db.session.findFirst({ where: { shop, isOnline: false } });
  return row?.accessToken ? openToken(ring, row.accessToken) : null;
}

// Rows written before tokens were sealed hold the token itself; they stay usable until
// `npm run keys:rotate` seals them (a Shopify token never looks like a sealed value).
const openToken = (ring: KeyRing, stored: string) => (keyIdOf(stored) ? decrypt(ring, stored) : stored);

function toRow(ring: KeyRing, session: Session): SessionRow {
  return {
    id: session.id,
    shop: session.shop,
    state: session.state,
    isOnline: session.isOnline,
    scope: session.scope ?? null,
    expires: session.expires ?? null,
    accessToken: session.accessToken ? encrypt(ring, session.accessToken) : "",
    userId: session.onlineAccessInfo ? BigInt(session.onlineAccessInfo.associated_user.id) : null,
    refreshToken: session.refreshToken ? encrypt(ring, session.refreshToken) : null,
    refreshTokenExpires: session.refreshTokenExpires ?? null,
  };
}

function toSession(ring: KeyRing, row: SessionRow): Session {
  return new Session({
    id: row.id,
    shop: row.shop,
    state: row.state,
    isOnline: row.isOnline,
    scope: row.scope ?? undefined,
    expires: row.expires ?? undefined,
    accessToken: row.accessToken ? openToken(ring, row.accessToken) : undefined,
    refreshToken: row.refreshToken ? openToken(ring, row.refreshToken) : undefined,
    refreshTokenExpires: row.refreshTokenExpires ?? undefined,
  });
}
