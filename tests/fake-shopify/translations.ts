import { createHash } from "node:crypto";
import { GraphQLError } from "graphql";
import { connection, type AdminContext, type PageArgs } from "./graphql";
import { policyGid, type FakeShop } from "./store";

/**
 * Shopify's translations API over the store: `translatableResources`,
 * `translatableResourcesByIds` and `translatableResource`, each resource with its
 * original content (`translatableContent`, with digests) and the merchant's translations
 * per locale (`translations(locale:)`). Products, collections and shop policies are the
 * resources the fake holds; the other types Shopify knows (articles, menus, themes…)
 * exist in the schema and are answered with none. Like Shopify, every field needs the
 * `read_translations` scope.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolvers receive whatever the schema says
type Resolver = (parent: any, args: any, context: AdminContext) => unknown;

interface FakeResource {
  resourceId: string;
  /** The shop's own text per translatable key, in its primary locale. */
  content: { key: string; value: string; type: string }[];
}

function requireTranslationsScope({ shop }: AdminContext, field: string) {
  if (shop.grantedScopes.includes("read_translations") || shop.grantedScopes.includes("write_translations")) return;
  throw new GraphQLError(`Access denied for ${field} field. Required access: \`read_translations\` access scope.`, {
    extensions: { code: "ACCESS_DENIED" },
  });
}

function resourcesOf(shop: FakeShop, type: string): FakeResource[] {
  switch (type) {
    case "PRODUCT":
      return [...shop.products.values()].map((product) => ({
        resourceId: product.id,
        content: [
          { key: "title", value: product.title, type: "SINGLE_LINE_TEXT_FIELD" },
          { key: "body_html", value: product.descriptionHtml, type: "HTML" },
          { key: "handle", value: product.handle, type: "URI" },
          { key: "product_type", value: product.productType, type: "SINGLE_LINE_TEXT_FIELD" },
        ],
      }));
    case "COLLECTION":
      return [...shop.collections.values()].map((collection) => ({
        resourceId: collection.id,
        content: [
          { key: "title", value: collection.title, type: "SINGLE_LINE_TEXT_FIELD" },
          { key: "handle", value: collection.handle, type: "URI" },
        ],
      }));
    case "SHOP_POLICY":
      return shop.policies.map((policy, index) => ({
        resourceId: policyGid(shop, index),
        content: [{ key: "body", value: policy.body, type: "HTML" }],
      }));
    default:
      return [];
  }
}

const RESOURCE_TYPES = ["PRODUCT", "COLLECTION", "SHOP_POLICY"];

function findResource(shop: FakeShop, id: string): FakeResource | null {
  for (const type of RESOURCE_TYPES) {
    const found = resourcesOf(shop, type).find((r) => r.resourceId === id);
    if (found) return found;
  }
  return null;
}

/** Top-level connections: in a bulk pass only that pass's slice, and every node. */
function rootPage<T>(items: T[], args: PageArgs & { reverse?: boolean | null }, context: AdminContext) {
  const ordered = args.reverse ? [...items].reverse() : items;
  const range = context.bulk ? context.bulkRange : undefined;
  const slice = range ? ordered.slice(range.offset, range.offset + range.limit) : ordered;
  return connection(slice, context.bulk ? {} : args);
}

const digest = (value: string) => createHash("sha256").update(value).digest("hex");

export const translationResolvers: Record<string, Resolver> = {
  "Query.translatableResources": (_p, args, context) => {
    requireTranslationsScope(context, "translatableResources");
    return rootPage(resourcesOf(context.shop, args.resourceType), args, context);
  },
  "Query.translatableResourcesByIds": (_p, args, context) => {
    requireTranslationsScope(context, "translatableResourcesByIds");
    const wanted = new Set<string>(args.resourceIds);
    const found = RESOURCE_TYPES.flatMap((type) => resourcesOf(context.shop, type)).filter((r) =>
      wanted.has(r.resourceId),
    );
    return rootPage(found, args, context);
  },
  "Query.translatableResource": (_p, { resourceId }, context) => {
    requireTranslationsScope(context, "translatableResource");
    return findResource(context.shop, resourceId);
  },
  "TranslatableResource.translatableContent": (resource: FakeResource, _args, { shop }) =>
    resource.content.map((c) => ({ ...c, locale: shop.primaryLocale, digest: digest(c.value) })),
  "TranslatableResource.translations": (resource: FakeResource, { locale, outdated }, { shop }) =>
    (shop.translations.get(resource.resourceId) ?? [])
      .filter((t) => t.locale === locale && (outdated == null || (t.outdated ?? false) === outdated))
      .map((t) => ({
        key: t.key,
        locale: t.locale,
        value: t.value,
        outdated: t.outdated ?? false,
        updatedAt: t.updatedAt ?? null,
        market: null,
      })),
  "TranslatableResource.nestedTranslatableResources": (_resource, args) => connection([], args),
};
