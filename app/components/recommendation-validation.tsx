import { Badge, BlockStack, Card, InlineStack, List, Text } from "@shopify/polaris";
import type { ValidationWords } from "../recommend/validation-words";

/**
 * What the shop's own nightly validation chose for its recommendations and how that did on
 * the last month, in the words app/recommend/validation-words.ts writes.
 */
export function RecommendationValidationCard({ words }: { words: ValidationWords }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            {words.heading}
          </Text>
          {words.lift ? <Badge tone="success">{words.lift}</Badge> : null}
        </InlineStack>
        {words.paragraphs.map((paragraph) => (
          <Text as="p" key={paragraph}>
            {paragraph}
          </Text>
        ))}
        {words.changes.length ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Changed from the standard mix
            </Text>
            <List>
              {words.changes.map((change) => (
                <List.Item key={change}>{change}</List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
