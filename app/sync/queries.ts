/**
 * The sync's GraphQL documents, checked against Shopify's Admin schema of the pinned
 * version by tests/graphql-documents.test.ts. The bulk queries are documents too: they
 * are sent as a string to `bulkOperationRunQuery`, which takes no variables, so the one
 * value that changes (the orders window) is a validated date swapped into the string.
 */

export const SHOP_SYNC_QUERY = `#graphql
  query SyncShop {
    shop {
      name
      email
      contactEmail
      currencyCode
      ianaTimezone
      url
      shopPolicies {
        id
        type
        title
        body
        url
        updatedAt
      }
    }
    shopLocales {
      locale
      primary
      published
    }
  }
`;

export const BULK_RUN_MUTATION = `#graphql
  mutation SyncBulkRun($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation {
        id
        status
        createdAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const BULK_STATUS_QUERY = `#graphql
  query SyncBulkStatus($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      createdAt
      completedAt
      objectCount
      rootObjectCount
      url
      query
    }
  }
`;

/** The operation that blocks a new one (Shopify allows one bulk query at a time). */
export const BULK_RUNNING_QUERY = `#graphql
  query SyncBulkRunning {
    bulkOperations(first: 1, query: "status:running", sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        status
        createdAt
        query
      }
    }
  }
`;

export const BULK_CANCEL_MUTATION = `#graphql
  mutation SyncBulkCancel($id: ID!) {
    bulkOperationCancel(id: $id) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const PRODUCTS_BULK_QUERY = `#graphql
  {
    products {
      edges {
        node {
          id
          title
          handle
          description
          vendor
          productType
          tags
          status
          onlineStoreUrl
          totalInventory
          createdAt
          updatedAt
          options {
            name
            values
          }
          variants {
            edges {
              node {
                id
                title
                sku
                price
                compareAtPrice
                availableForSale
                inventoryQuantity
                position
                updatedAt
                selectedOptions {
                  name
                  value
                }
              }
            }
          }
          collections {
            edges {
              node {
                id
                title
                handle
                updatedAt
              }
            }
          }
          media {
            edges {
              node {
                id
                ... on MediaImage {
                  image {
                    url
                    altText
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const CUSTOMERS_BULK_QUERY = `#graphql
  {
    customers {
      edges {
        node {
          id
          firstName
          lastName
          defaultEmailAddress {
            emailAddress
            marketingState
          }
          defaultPhoneNumber {
            phoneNumber
          }
          defaultAddress {
            countryCodeV2
          }
          tags
          numberOfOrders
          amountSpent {
            amount
            currencyCode
          }
          createdAt
          updatedAt
        }
      }
    }
  }
`;

const ORDERS_SINCE_PLACEHOLDER = "1970-01-01";

/** Orders created on or after a date; `ordersBulkQuery` puts the real date in. */
export const ORDERS_BULK_QUERY = `#graphql
  {
    orders(query: "created_at:>=1970-01-01") {
      edges {
        node {
          id
          name
          email
          customer {
            id
          }
          currencyCode
          totalPriceSet {
            shopMoney {
              amount
            }
          }
          subtotalPriceSet {
            shopMoney {
              amount
            }
          }
          displayFinancialStatus
          displayFulfillmentStatus
          fulfillments {
            id
            status
            createdAt
            updatedAt
            trackingInfo {
              company
              number
              url
            }
          }
          customAttributes {
            key
            value
          }
          shippingAddress {
            countryCodeV2
          }
          createdAt
          updatedAt
          processedAt
          cancelledAt
          closedAt
          lineItems {
            edges {
              node {
                id
                title
                sku
                quantity
                product {
                  id
                }
                variant {
                  id
                }
                originalUnitPriceSet {
                  shopMoney {
                    amount
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** The orders export for orders created since `since` (UTC date), or all of them. */
export function ordersBulkQuery(since: Date | null): string {
  const day = since ? since.toISOString().slice(0, 10) : ORDERS_SINCE_PLACEHOLDER;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a date: ${day}`);
  return ORDERS_BULK_QUERY.replace(`created_at:>=${ORDERS_SINCE_PLACEHOLDER}`, `created_at:>=${day}`);
}

/** One page of the products in a collection (membership is not in collection webhooks). */
export const COLLECTION_PRODUCTS_QUERY = `#graphql
  query SyncCollectionProducts($id: ID!, $after: String) {
    collection(id: $id) {
      id
      title
      handle
      updatedAt
      products(first: 250, after: $after) {
        nodes {
          id
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

/**
 * One page of a resource type's translations into one locale (collections and policies:
 * few resources, so pages are cheap; products go by bulk operation below).
 */
export const TRANSLATIONS_QUERY = `#graphql
  query SyncTranslations($resourceType: TranslatableResourceType!, $locale: String!, $first: Int!, $after: String) {
    translatableResources(first: $first, after: $after, resourceType: $resourceType) {
      nodes {
        resourceId
        translations(locale: $locale) {
          key
          value
          locale
          outdated
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** The translations of named resources into one locale (a product after products/update). */
export const TRANSLATIONS_BY_IDS_QUERY = `#graphql
  query SyncTranslationsByIds($resourceIds: [ID!]!, $locale: String!, $first: Int!, $after: String) {
    translatableResourcesByIds(first: $first, after: $after, resourceIds: $resourceIds) {
      nodes {
        resourceId
        translations(locale: $locale) {
          key
          value
          locale
          outdated
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const BULK_LOCALE_PLACEHOLDER = "xx";

/**
 * Every product's translations, by bulk operation: a shop with thousands of products and
 * a few languages would spend minutes of query cost on pages. A bulk query takes no
 * variables, so `productTranslationsBulkQuery` repeats the `translations` field once per
 * locale, aliased t0, t1…, with each validated locale swapped in for the placeholder.
 */
export const PRODUCT_TRANSLATIONS_BULK_QUERY = `#graphql
  {
    translatableResources(resourceType: PRODUCT) {
      edges {
        node {
          resourceId
          t0: translations(locale: "xx") {
            key
            value
            locale
            outdated
            updatedAt
          }
        }
      }
    }
  }
`;

/** Shopify's locale codes: "fr", "pt-BR", "zh-CN", "es-419". */
export const LOCALE_CODE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export function productTranslationsBulkQuery(locales: readonly string[]): string {
  if (locales.length === 0) throw new Error("no locales to export translations for");
  for (const locale of locales) if (!LOCALE_CODE.test(locale)) throw new Error(`not a locale code: ${locale}`);
  const field = /( *)t0: translations\(locale: "xx"\) \{[\s\S]*?\n\1\}/.exec(PRODUCT_TRANSLATIONS_BULK_QUERY);
  if (!field) throw new Error("the product translations bulk query lost its translations field");
  const fields = locales
    .map((locale, index) =>
      field[0]
        .replace("t0:", `t${index}:`)
        .replace(`locale: "${BULK_LOCALE_PLACEHOLDER}"`, `locale: ${JSON.stringify(locale)}`),
    )
    .join("\n");
  return PRODUCT_TRANSLATIONS_BULK_QUERY.replace(field[0], fields);
}
