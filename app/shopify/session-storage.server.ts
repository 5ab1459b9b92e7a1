import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Db } from "../db.server";
import type { Session as SessionRow } from "../db/generated/sqlite/client";

/**
 * Shopify sessions in our Session table. Written here rather than taken from
 * @shopify/shopify-app-session-storage-prisma, which imports the classic generated
 * `@prisma/client` that the driver-adapter setup does not produce
 * (docs/decisions/0003-prisma-driver-adapters.md).
 */
export class DbSessionStorage implements SessionStorage {
  constructor(private readonly db: Db) {}

  async storeSession(session: Session): Promise<boolean> {
    const row = toRow(session);
    await this.db.session.upsert({ where: { id: session.id }, create: row, update: row });
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.db.session.findUnique({ where: { id } });
    return row ? toSession(row) : undefined;
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
    return rows.map(toSession);
  }
}

function toRow(session: Session): SessionRow {
  return {
    id: session.id,
    shop: session.shop,
    state: session.state,
    isOnline: session.isOnline,
    scope: session.scope ?? null,
    expires: session.expires ?? null,
    accessToken: session.accessToken ?? "",
    userId: session.onlineAccessInfo ? BigInt(session.onlineAccessInfo.associated_user.id) : null,
    refreshToken: session.refreshToken ?? null,
    refreshTokenExpires: session.refreshTokenExpires ?? null,
  };
}

function toSession(row: SessionRow): Session {
  return new Session({
    id: row.id,
    shop: row.shop,
    state: row.state,
    isOnline: row.isOnline,
    scope: row.scope ?? undefined,
    expires: row.expires ?? undefined,
    accessToken: row.accessToken,
    refreshToken: row.refreshToken ?? undefined,
    refreshTokenExpires: row.refreshTokenExpires ?? undefined,
  });
}
