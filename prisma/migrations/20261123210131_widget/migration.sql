-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "customerId" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "status" TEXT NOT NULL DEFAULT 'open',
    "handoffReason" TEXT,
    "handoffAt" DATETIME,
    "handoffEmail" TEXT,
    "handoffEmailHash" TEXT,
    "state" TEXT NOT NULL DEFAULT '{}',
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "rating" INTEGER,
    "ratedAt" DATETIME,
    "lastMessageAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "payload" TEXT,
    "intent" TEXT,
    "resolved" BOOLEAN,
    "idempotencyKey" TEXT,
    "turn" TEXT,
    "replyToId" TEXT,
    "feedback" INTEGER,
    "feedbackAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BehaviourEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "customerId" TEXT,
    "conversationId" TEXT,
    "type" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "quantity" INTEGER,
    "occurredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ShopperPreference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "customerId" TEXT,
    "visitorId" TEXT,
    "trackingOff" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AssistantSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "greeting" TEXT,
    "suggestions" TEXT,
    "businessHours" TEXT,
    "timezone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Conversation_shop_visitorId_idx" ON "Conversation"("shop", "visitorId");

-- CreateIndex
CREATE INDEX "Conversation_shop_customerId_idx" ON "Conversation"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Conversation_shop_status_idx" ON "Conversation"("shop", "status");

-- CreateIndex
CREATE INDEX "Conversation_shop_handoffEmailHash_idx" ON "Conversation"("shop", "handoffEmailHash");

-- CreateIndex
CREATE INDEX "Conversation_shop_lastMessageAt_idx" ON "Conversation"("shop", "lastMessageAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_replyToId_key" ON "Message"("replyToId");

-- CreateIndex
CREATE INDEX "Message_shop_createdAt_idx" ON "Message"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_shop_conversationId_idempotencyKey_key" ON "Message"("shop", "conversationId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_seq_key" ON "Message"("conversationId", "seq");

-- CreateIndex
CREATE INDEX "BehaviourEvent_shop_visitorId_occurredAt_idx" ON "BehaviourEvent"("shop", "visitorId", "occurredAt");

-- CreateIndex
CREATE INDEX "BehaviourEvent_shop_customerId_idx" ON "BehaviourEvent"("shop", "customerId");

-- CreateIndex
CREATE INDEX "BehaviourEvent_shop_type_occurredAt_idx" ON "BehaviourEvent"("shop", "type", "occurredAt");

-- CreateIndex
CREATE INDEX "ShopperPreference_shop_customerId_idx" ON "ShopperPreference"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ShopperPreference_shop_subject_key" ON "ShopperPreference"("shop", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "AssistantSettings_shop_key" ON "AssistantSettings"("shop");

