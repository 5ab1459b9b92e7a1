import { LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import "@shopify/polaris-viz/build/esm/styles.css";

export interface ConversationsChartProps {
  days: string[];
  series: { name: string; values: number[] }[];
  /** Formats an axis day (YYYY-MM-DD) the merchant's way. */
  formatDay: (day: string) => string;
  emptyText: string;
}

/** Conversations per day, loaded on the client only (polaris-viz measures its container). */
export default function ConversationsChart({ days, series, formatDay, emptyText }: ConversationsChartProps) {
  return (
    <PolarisVizProvider>
      <LineChart
        theme="Light"
        isAnimated={false}
        emptyStateText={emptyText}
        xAxisOptions={{ labelFormatter: (value) => formatDay(String(value)) }}
        yAxisOptions={{ integersOnly: true }}
        data={series.map((s) => ({ name: s.name, data: days.map((day, i) => ({ key: day, value: s.values[i] })) }))}
      />
    </PolarisVizProvider>
  );
}
