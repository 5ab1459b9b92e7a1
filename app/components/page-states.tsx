import { isRouteErrorResponse, useLocation, useNavigation, useRouteError } from "@remix-run/react";
import { Banner, Card, Layout, Page, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";

/**
 * What an admin page shows while the merchant navigates away from it (the next page's
 * data is loading): a skeleton, so the click is answered at once.
 */
export function useLeavingSkeleton(title: string) {
  const navigation = useNavigation();
  const location = useLocation();
  const leaving =
    navigation.state === "loading" && navigation.location && navigation.location.pathname !== location.pathname;
  return leaving ? (
    <SkeletonPage title={title}>
      <Layout>
        <Layout.Section>
          <Card>
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={4} />
          </Card>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  ) : null;
}

/**
 * An admin page's error boundary: Shopify's auth responses (bounce page, redirects) go
 * to the library's boundary as they must; anything else says what happened in words.
 */
export function AdminPageError({ title, message }: { title: string; message: string }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) return boundary.error(error);
  return (
    <Page title={title}>
      <Banner tone="critical" title={message}>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </Banner>
    </Page>
  );
}
