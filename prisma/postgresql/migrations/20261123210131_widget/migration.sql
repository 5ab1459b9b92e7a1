-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "customerId" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "status" TEXT NOT NULL DEFAULT 'open',
    "handoffReason" TEXT,
    "handoffAt" TIMESTAMP(3),
    "handoffEmail" TEXT,
    "handoffEmailHash" TEXT,
    "state" TEXT NOT NULL DEFAULT '{}',
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "rating" INTEGER,
    "ratedAt" TIMESTAMP(3),
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
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
    "feedbackAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BehaviourEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "customerId" TEXT,
    "conversationId" TEXT,
    "type" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "quantity" INTEGER,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BehaviourEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopperPreference" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "customerId" TEXT,
    "visitorId" TEXT,
    "trackingOff" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopperPreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssistantSettings" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "greeting" TEXT,
    "suggestions" TEXT,
    "businessHours" TEXT,
    "timezone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssistantSettings_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

