import {
  execute,
  GraphQLError,
  parse,
  validate,
  defaultFieldResolver,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
} from "graphql";
import { adminSchema } from "./schema";
import { policyGid, type FakeShop } from "./store";

export interface AdminContext {
  shop: FakeShop;
  /** Hooks added by features of the fake (bulk operations, fault injection). */
  extras: Record<string, unknown>;
  /** The Admin API version the request named. */
  apiVersion?: string;
  /** Set while a bulk operation runs its query: connections return every node. */
  bulk?: boolean;
  /** The slice of top-level nodes one pass of a bulk query covers (it runs in passes). */
  bulkRange?: { offset: number; limit: number };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolvers receive whatever the schema says
type Resolver = (parent: any, args: any, context: AdminContext) => unknown;

const POLICY_DATE = "2026-01-01T00:00:00.000Z";

/**
 * Field resolvers by `Type.field`. A field without one reads the parent object's
 * property of the same name, so store objects can be returned as they are.
 */
export const resolvers: Record<string, Resolver> = {
  "Query.shop": (_parent, _args, { shop }) => ({
    id: `gid://shopify/Shop/${shop.numericId}`,
    name: shop.name,
    email: shop.email,
    contactEmail: shop.contactEmail,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    primaryDomain: { id: `gid://shopify/Domain/${shop.numericId}`, host: shop.domain, url: `https://${shop.domain}` },
    shopPolicies: shop.policies.map((policy, index) => ({
      createdAt: policy.updatedAt ?? POLICY_DATE,
      updatedAt: POLICY_DATE,
      ...policy,
      id: policyGid(shop, index),
    })),
  }),
  "Query.shopLocales": (_parent, _args, { shop }) =>
    shop.locales.map((locale) => ({ locale, primary: locale === shop.primaryLocale, published: true, name: locale })),
};

const fieldResolver: GraphQLFieldResolver<unknown, AdminContext> = (parent, args, context, info) => {
  // Shopify names its roots QueryRoot and Mutation; resolvers say Query and Mutation.
  const typeName =
    info.parentType === info.schema.getQueryType()
      ? "Query"
      : info.parentType === info.schema.getMutationType()
        ? "Mutation"
        : info.parentType.name;
  const resolver = resolvers[`${typeName}.${info.fieldName}`];
  if (resolver) return resolver(parent, args, context);
  return defaultFieldResolver(parent, args, context, info);
};

export interface GraphqlRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Errors as Shopify reports a document that does not match its schema. */
function schemaErrors(errors: readonly GraphQLError[]): ExecutionResult {
  return {
    errors: errors.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
        }),
    ),
  };
}

/** Parses, validates against the real Admin schema, and executes over the store. */
export async function executeAdmin(
  version: string,
  body: GraphqlRequestBody,
  context: AdminContext,
): Promise<ExecutionResult> {
  const schema = adminSchema(version);
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return schemaErrors([error as GraphQLError]);
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return schemaErrors(errors);
  return execute({
    schema,
    document,
    contextValue: context,
    variableValues: body.variables ?? undefined,
    operationName: body.operationName ?? undefined,
    fieldResolver,
  });
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A Relay connection over an ordered list, with opaque offset cursors. */
export function connection<T>(items: T[], { first, after, last, before }: PageArgs) {
  const cursor = (index: number) => Buffer.from(`i:${index}`).toString("base64");
  const decode = (value: string) => Number(Buffer.from(value, "base64").toString().slice(2));
  let start = after ? decode(after) + 1 : 0;
  let end = before ? decode(before) : items.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const slice = items.slice(start, end);
  return {
    nodes: slice,
    edges: slice.map((node, offset) => ({ node, cursor: cursor(start + offset) })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursor(start) : null,
      endCursor: slice.length ? cursor(end - 1) : null,
    },
  };
}
