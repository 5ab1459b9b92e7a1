import { GraphQLClient } from "graphql-request";
import { ApiVersion } from "@shopify/shopify-api";
import { shopifyFetch } from "./network.server";

/** The Admin API version every query and webhook subscription is written against. */
export const API_VERSION = ApiVersion.July26;

export interface AdminClientOptions {
  shop: string;
  accessToken: string;
  fetch?: typeof fetch;
}

/**
 * A graphql-request client for one shop's Admin GraphQL API. Requests go through the
 * network edge (`shopifyFetch`) unless a test injects its own fetch.
 */
export function createAdminClient({ shop, accessToken, fetch = shopifyFetch }: AdminClientOptions) {
  return new GraphQLClient(`https://${shop}/admin/api/${API_VERSION}/graphql.json`, {
    fetch,
    headers: { "X-Shopify-Access-Token": accessToken },
  });
}

export type AdminClient = ReturnType<typeof createAdminClient>;
