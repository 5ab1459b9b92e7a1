-- CreateTable
CREATE TABLE "FaqEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IntentPhrase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "FaqEntry_shop_updatedAt_idx" ON "FaqEntry"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "IntentPhrase_shop_createdAt_idx" ON "IntentPhrase"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IntentPhrase_shop_text_key" ON "IntentPhrase"("shop", "text");

