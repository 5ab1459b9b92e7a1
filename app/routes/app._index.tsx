import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { db } from "../db.server";
import { getShopOverview } from "../shops/overview.server";

const strings = {
  title: "Storefront assistant",
  shopHeading: "Your shop",
  installed: "Installed",
  currency: "Currency",
  timezone: "Timezone",
  notRecorded: "We have not recorded this shop yet. Reload the page to finish installing.",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { overview: await getShopOverview(db, session.shop) };
};

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingMd">
        {value}
      </Text>
    </BlockStack>
  );
}

export default function Index() {
  const { overview } = useLoaderData<typeof loader>();
  return (
    <Page>
      <TitleBar title={strings.title} />
      <Layout>
        <Layout.Section>
          <Card>
            {overview ? (
              <BlockStack gap="400">
                <Text as="h2" variant="headingLg">
                  {overview.name}
                </Text>
                <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
                  <Fact
                    label={strings.installed}
                    value={new Date(overview.installedAt).toLocaleDateString(overview.locale, {
                      dateStyle: "long",
                      timeZone: overview.timezone,
                    })}
                  />
                  <Fact label={strings.currency} value={overview.currency} />
                  <Fact label={strings.timezone} value={overview.timezone} />
                </InlineGrid>
              </BlockStack>
            ) : (
              <Text as="p">{strings.notRecorded}</Text>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
