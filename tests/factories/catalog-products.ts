import type { CatalogProduct, CatalogVariant } from "~/catalog/types";

let next = 1;

/** A catalog product as the assistant reads it, with sensible defaults. */
export function catalogProduct(
  overrides: Partial<Omit<CatalogProduct, "variants">> & { price?: number; variants?: Partial<CatalogVariant>[] } = {},
): CatalogProduct {
  const n = next++;
  const { price = 10, variants, ...rest } = overrides;
  const title = rest.title ?? `Product ${n}`;
  return {
    id: `gid://shopify/Product/${n}`,
    title,
    handle: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    description: "",
    vendor: "Demo Gift Shop",
    productType: "Gifts",
    tags: [],
    collections: [],
    url: `/products/${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
    imageUrl: null,
    imageAlt: null,
    createdAt: 0,
    ...rest,
    variants: (variants ?? [{}]).map((v, i) => ({
      id: `gid://shopify/ProductVariant/${n * 100 + i}`,
      legacyId: String(n * 100 + i),
      title: "Default Title",
      sku: null,
      options: [],
      price,
      compareAtPrice: null,
      available: true,
      inventoryQuantity: 5,
      ...v,
    })),
  };
}
