/**
 * Shopify's standard policy titles in the languages the assistant speaks. The titles are
 * Shopify's (the merchant translates a policy's body, never its title, and storefronts
 * show these names), so a passage from the French refund policy is named "Politique de
 * remboursement", not "Refund policy".
 */

const TITLES: Record<string, Record<string, string>> = {
  de: {
    REFUND_POLICY: "Rückerstattungsrichtlinie",
    SHIPPING_POLICY: "Versandrichtlinie",
    PRIVACY_POLICY: "Datenschutzerklärung",
    TERMS_OF_SERVICE: "Nutzungsbedingungen",
    CONTACT_INFORMATION: "Kontaktinformationen",
    LEGAL_NOTICE: "Impressum",
    TERMS_OF_SALE: "Verkaufsbedingungen",
    SUBSCRIPTION_POLICY: "Kündigungsrichtlinie",
  },
  fr: {
    REFUND_POLICY: "Politique de remboursement",
    SHIPPING_POLICY: "Politique d'expédition",
    PRIVACY_POLICY: "Politique de confidentialité",
    TERMS_OF_SERVICE: "Conditions d'utilisation",
    CONTACT_INFORMATION: "Coordonnées",
    LEGAL_NOTICE: "Mentions légales",
    TERMS_OF_SALE: "Conditions de vente",
    SUBSCRIPTION_POLICY: "Politique d'annulation",
  },
  es: {
    REFUND_POLICY: "Política de reembolso",
    SHIPPING_POLICY: "Política de envío",
    PRIVACY_POLICY: "Política de privacidad",
    TERMS_OF_SERVICE: "Términos del servicio",
    CONTACT_INFORMATION: "Información de contacto",
    LEGAL_NOTICE: "Aviso legal",
    TERMS_OF_SALE: "Condiciones de venta",
    SUBSCRIPTION_POLICY: "Política de cancelación",
  },
};

/** The title of a policy type in a locale ("fr-CA" reads "fr"), or null when we have none. */
export function localizedPolicyTitle(type: string, locale: string): string | null {
  return TITLES[locale.toLowerCase().split(/[-_]/)[0]]?.[type] ?? null;
}
