/**
 * The catalog as the assistant and the recommender read it: published products with their
 * variants, prices as numbers in the shop's currency. Built from the synced tables
 * (app/catalog/snapshot.server.ts) and kept in memory per shop.
 */

export interface CatalogVariant {
  /** Shopify GID. */
  id: string;
  /** The numeric id the storefront's Ajax Cart API takes. */
  legacyId: string;
  title: string;
  sku: string | null;
  options: { name: string; value: string }[];
  price: number;
  compareAtPrice: number | null;
  available: boolean;
  inventoryQuantity: number | null;
}

export interface CatalogProduct {
  id: string;
  title: string;
  handle: string;
  description: string;
  vendor: string;
  productType: string;
  tags: string[];
  /** Collection titles. */
  collections: string[];
  /** Storefront path of the product page, e.g. /products/<handle>. */
  url: string;
  imageUrl: string | null;
  imageAlt: string | null;
  variants: CatalogVariant[];
  createdAt: number;
  /**
   * In a snapshot for another language than the shop's primary one (catalogFor's `locale`):
   * the fields still in the primary language because the merchant has not translated them.
   * Absent in the primary language's snapshot.
   */
  untranslated?: TranslatableField[];
}

export type TranslatableField = "title" | "description" | "productType";

export const minPrice = (product: CatalogProduct) => Math.min(...product.variants.map((v) => v.price));
export const isAvailable = (product: CatalogProduct) => product.variants.some((v) => v.available);
