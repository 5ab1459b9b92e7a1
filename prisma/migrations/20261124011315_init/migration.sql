-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "locales" TEXT NOT NULL DEFAULT '[]',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "scopes" TEXT NOT NULL DEFAULT '',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "contactEmail" TEXT,
    "storefrontUrl" TEXT
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "processedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "requestId" TEXT,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Product" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "productType" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '[]',
    "onlineStoreUrl" TEXT,
    "totalInventory" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "syncedAt" DATETIME NOT NULL,
    "seenRunId" TEXT,
    "deletedAt" DATETIME,

    PRIMARY KEY ("shop", "id")
);

-- CreateTable
CREATE TABLE "ProductVariant" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "options" TEXT NOT NULL DEFAULT '[]',
    "price" DECIMAL NOT NULL,
    "compareAtPrice" DECIMAL,
    "availableForSale" BOOLEAN NOT NULL,
    "inventoryQuantity" INTEGER,
    "position" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "syncedAt" DATETIME NOT NULL,
    "seenRunId" TEXT,

    PRIMARY KEY ("shop", "id")
);

-- CreateTable
CREATE TABLE "ProductImage" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "altText" TEXT,
    "position" INTEGER NOT NULL,
    "syncedAt" DATETIME NOT NULL,
    "seenRunId" TEXT,

    PRIMARY KEY ("shop", "id")
);

-- CreateTable
CREATE TABLE "Collection" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "updatedAt" DATETIME,
    "syncedAt" DATETIME NOT NULL,
    "seenRunId" TEXT,

    PRIMARY KEY ("shop", "id")
);

-- CreateTable
CREATE TABLE "ProductCollection" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "collectionId" TEXT NOT NULL,
    "syncedAt" DATETIME NOT NULL,
    "seenRunId" TEXT,

    PRIMARY KEY ("shop", "productId", "collectionId")
);

-- CreateTable
CREATE TABLE "Customer" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "emailHash" TEXT,
    "phone" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "numberOfOrders" INTEGER NOT NULL DEFAULT 0,
    "amountSpent" DECIMAL NOT NULL DEFAULT 0,
    "currency" TEXT,
    "emailMarketingState" TEXT,
    "country" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "syncedAt" DATETIME NOT NULL,
    "seenRunId" TEXT,
    "deletedAt" DATETIME,

    PRIMARY KEY ("shop", "id")
);

-- CreateTable
CREATE TABLE "Order" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "emailHash" TEXT,
    "currency" TEXT NOT NULL,
    "totalPrice" DECIMAL NOT NULL,
    "subtotalPrice" DECIMAL,
    "financialStatus" TEXT,
    "fulfillmentStatus" TEXT NOT NULL,
    "fulfillments" TEXT NOT NULL DEFAULT '[]',
    "customAttributes" TEXT,
    "assistantConversationId" TEXT,
    "shippingCountry" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "processedAt" DATETIME,
    "cancelledAt" DATETIME,
    "closedAt" DATETIME,
    "syncedAt" DATETIME NOT NULL,
    "seenRunId" TEXT,
    "deletedAt" DATETIME,

    PRIMARY KEY ("shop", "id")
);

-- CreateTable
CREATE TABLE "OrderLineItem" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL NOT NULL,
    "position" INTEGER NOT NULL,
    "syncedAt" DATETIME NOT NULL,
    "seenRunId" TEXT,

    PRIMARY KEY ("shop", "id")
);

-- CreateTable
CREATE TABLE "ShopPolicy" (
    "shop" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "syncedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "type")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "activeShop" TEXT,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "bulkStatus" TEXT,
    "bulkObjectCount" INTEGER,
    "phaseSnapshotAt" DATETIME,
    "linesDone" INTEGER NOT NULL DEFAULT 0,
    "restarts" INTEGER NOT NULL DEFAULT 0,
    "ordersSince" DATETIME,
    "products" INTEGER NOT NULL DEFAULT 0,
    "variants" INTEGER NOT NULL DEFAULT 0,
    "collections" INTEGER NOT NULL DEFAULT 0,
    "customers" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "lineItems" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "errorCode" TEXT,
    "leaseExpiresAt" DATETIME,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

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

-- CreateTable
CREATE TABLE "ShopSetting" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "key")
);

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

-- CreateTable
CREATE TABLE "ExperimentEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "ref" TEXT NOT NULL DEFAULT '',
    "revenue" DECIMAL,
    "occurredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BanditArm" (
    "shop" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "alpha" REAL NOT NULL,
    "beta" REAL NOT NULL,
    "pulls" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "context", "arm")
);

-- CreateTable
CREATE TABLE "BanditPull" (
    "shop" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "rewarded" TEXT NOT NULL DEFAULT '',
    "pulledAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "visitorId")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");

-- CreateIndex
CREATE INDEX "Shop_uninstalledAt_idx" ON "Shop"("uninstalledAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_processedAt_idx" ON "WebhookEvent"("processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_shop_eventId_key" ON "WebhookEvent"("shop", "eventId");

-- CreateIndex
CREATE INDEX "DataRequest_shop_customerId_idx" ON "DataRequest"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Product_shop_deletedAt_idx" ON "Product"("shop", "deletedAt");

-- CreateIndex
CREATE INDEX "Product_shop_handle_idx" ON "Product"("shop", "handle");

-- CreateIndex
CREATE INDEX "ProductVariant_shop_productId_idx" ON "ProductVariant"("shop", "productId");

-- CreateIndex
CREATE INDEX "ProductVariant_shop_sku_idx" ON "ProductVariant"("shop", "sku");

-- CreateIndex
CREATE INDEX "ProductImage_shop_productId_position_idx" ON "ProductImage"("shop", "productId", "position");

-- CreateIndex
CREATE INDEX "ProductCollection_shop_collectionId_idx" ON "ProductCollection"("shop", "collectionId");

-- CreateIndex
CREATE INDEX "Customer_shop_emailHash_idx" ON "Customer"("shop", "emailHash");

-- CreateIndex
CREATE INDEX "Customer_shop_deletedAt_idx" ON "Customer"("shop", "deletedAt");

-- CreateIndex
CREATE INDEX "Order_shop_name_deletedAt_idx" ON "Order"("shop", "name", "deletedAt");

-- CreateIndex
CREATE INDEX "Order_shop_emailHash_idx" ON "Order"("shop", "emailHash");

-- CreateIndex
CREATE INDEX "Order_shop_customerId_createdAt_idx" ON "Order"("shop", "customerId", "createdAt");

-- CreateIndex
CREATE INDEX "Order_shop_createdAt_idx" ON "Order"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Order_shop_deletedAt_idx" ON "Order"("shop", "deletedAt");

-- CreateIndex
CREATE INDEX "Order_shop_assistantConversationId_idx" ON "Order"("shop", "assistantConversationId");

-- CreateIndex
CREATE INDEX "OrderLineItem_shop_orderId_idx" ON "OrderLineItem"("shop", "orderId");

-- CreateIndex
CREATE INDEX "OrderLineItem_shop_productId_idx" ON "OrderLineItem"("shop", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncRun_activeShop_key" ON "SyncRun"("activeShop");

-- CreateIndex
CREATE INDEX "SyncRun_shop_startedAt_idx" ON "SyncRun"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");

-- CreateIndex
CREATE INDEX "FaqEntry_shop_updatedAt_idx" ON "FaqEntry"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "IntentPhrase_shop_createdAt_idx" ON "IntentPhrase"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IntentPhrase_shop_text_key" ON "IntentPhrase"("shop", "text");

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
CREATE INDEX "BehaviourEvent_shop_visitorId_type_occurredAt_idx" ON "BehaviourEvent"("shop", "visitorId", "type", "occurredAt");

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

-- CreateIndex
CREATE INDEX "ExperimentEvent_shop_experimentId_type_idx" ON "ExperimentEvent"("shop", "experimentId", "type");

-- CreateIndex
CREATE INDEX "ExperimentEvent_shop_visitorId_idx" ON "ExperimentEvent"("shop", "visitorId");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentEvent_shop_experimentId_visitorId_type_ref_key" ON "ExperimentEvent"("shop", "experimentId", "visitorId", "type", "ref");

-- CreateIndex
CREATE INDEX "BanditArm_shop_idx" ON "BanditArm"("shop");

-- CreateIndex
CREATE INDEX "BanditPull_shop_idx" ON "BanditPull"("shop");

