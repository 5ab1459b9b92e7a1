-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BanditPull" (
    "shop" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'strategy',
    "context" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "rewarded" TEXT NOT NULL DEFAULT '',
    "pulledAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "visitorId", "kind")
);
INSERT INTO "new_BanditPull" ("arm", "context", "pulledAt", "rewarded", "shop", "visitorId") SELECT "arm", "context", "pulledAt", "rewarded", "shop", "visitorId" FROM "BanditPull";
DROP TABLE "BanditPull";
ALTER TABLE "new_BanditPull" RENAME TO "BanditPull";
CREATE INDEX "BanditPull_shop_idx" ON "BanditPull"("shop");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

