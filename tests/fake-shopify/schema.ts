import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/**
 * Shopify's Admin GraphQL schema for one API version, from the introspection that
 * the npm package @shopify/dev-mcp ships (the machines here cannot reach shopify.dev).
 */
const cache = new Map<string, GraphQLSchema>();
const dataDir = path.resolve(import.meta.dirname, "../../node_modules/@shopify/dev-mcp/dist/data");

export function adminSchema(version: string): GraphQLSchema {
  let schema = cache.get(version);
  if (!schema) {
    const file = path.join(dataDir, `admin_${version}.json.gz`);
    const introspection = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"));
    schema = buildClientSchema((introspection.data ?? introspection) as IntrospectionQuery);
    cache.set(version, schema);
  }
  return schema;
}
