-- AlterTable
ALTER TABLE "ShopPolicy" ADD COLUMN     "policyId" TEXT;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "language" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "language" TEXT;

-- CreateTable
CREATE TABLE "ShopTranslation" (
    "shop" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "outdated" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopTranslation_pkey" PRIMARY KEY ("shop","resourceId","locale","key")
);

-- CreateIndex
CREATE INDEX "ShopTranslation_shop_locale_resourceType_idx" ON "ShopTranslation"("shop", "locale", "resourceType");

-- CreateIndex
CREATE INDEX "ShopTranslation_shop_resourceType_syncedAt_idx" ON "ShopTranslation"("shop", "resourceType", "syncedAt");

