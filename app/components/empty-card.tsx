import type { ReactNode } from "react";
import { BlockStack, Box, Button, Text } from "@shopify/polaris";

/**
 * An empty state that says what to do, without Polaris EmptyState's illustration slot
 * (the app ships no illustrations, and an empty image leaves a blank block).
 */
export function EmptyCard({
  heading,
  children,
  action,
}: {
  heading: string;
  children: ReactNode;
  action?: { content: string; onAction: () => void };
}) {
  return (
    <Box paddingBlock="800" paddingInline="400">
      <BlockStack gap="300" inlineAlign="center">
        <Text as="h2" variant="headingMd" alignment="center">
          {heading}
        </Text>
        <Box maxWidth="480px">
          <Text as="p" tone="subdued" alignment="center">
            {children}
          </Text>
        </Box>
        {action ? (
          <Button variant="primary" onClick={action.onAction}>
            {action.content}
          </Button>
        ) : null}
      </BlockStack>
    </Box>
  );
}
