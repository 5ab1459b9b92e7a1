import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";

/**
 * Every admin page's error boundary: Shopify's auth responses (bounce pages, reauthorise
 * scripts) go to the library's boundary, which renders them as the embedded admin needs;
 * anything else is a banner with the message, inside the app's frame and navigation.
 */
export function PageError({ title, pageTitle }: { title: string; pageTitle?: string }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) return boundary.error(error);
  return (
    <Page title={pageTitle}>
      <Banner tone="critical" title={title}>
        <p>{error instanceof Error ? error.message : String(error ?? "")}</p>
      </Banner>
    </Page>
  );
}
