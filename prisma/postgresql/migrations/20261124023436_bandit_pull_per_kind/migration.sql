-- AlterTable
ALTER TABLE "BanditPull" DROP CONSTRAINT "BanditPull_pkey",
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'strategy',
ADD CONSTRAINT "BanditPull_pkey" PRIMARY KEY ("shop", "visitorId", "kind");

