import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Autocomplete,
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  Checkbox,
  ChoiceList,
  Collapsible,
  Divider,
  InlineGrid,
  InlineStack,
  Layout,
  List,
  Page,
  RangeSlider,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { EmptyCard } from "../components/empty-card";
import { RecommendationValidationCard } from "../components/recommendation-validation";
import { readShopValidation } from "../recommend/validation.server";
import { describeValidation } from "../recommend/validation-words";
import { DEFAULT_WEIGHTS } from "../recommend/options";
import { PageError } from "../components/page-error";
import { authenticate } from "../shopify.server";
import { db } from "../db.server";
import { recommendationRules, strategyWeights } from "../settings/definitions.server";
import { readSetting, writeSetting } from "../settings/store.server";
import { segmentOptions, shopCurrency, WeightsSchema } from "../recommend/admin.server";
import { validateRules } from "../recommend/rules/validate";
import { PAGE_TYPES, type PageType } from "../recommend/rules/types";
import type { Rule } from "../recommend/rules/schema";
import {
  emptyAction,
  emptyRule,
  fromRules,
  newKey,
  toRules,
  type ActionForm,
  type ActionType,
  type MatchForm,
  type RuleForm,
} from "../recommend/rules/form";
import { STRATEGIES, type StrategyName, type StrategyWeights } from "../recommend/types";
import type { ValidationError } from "../personalize/validation-messages";
import type { CustomerOption, PreviewItem, ProductOption } from "../recommend/admin.server";

const STRINGS = {
  title: "Recommendations",
  rulesHeading: "Rules",
  rulesHelp:
    "Rules run in order, top first. An exclusion always wins; boosts and buries multiply; pins place products at a position.",
  addRule: "Add rule",
  newRuleName: (n: number) => `Rule ${n}`,
  emptyHeading: "Shape what shoppers are recommended",
  emptyBody:
    "Without rules, the assistant ranks products by what shoppers buy and view. Add a rule to hide products, push a range, pin a bestseller or keep one brand from taking over.",
  ruleName: "Rule name",
  enabled: "On",
  off: "Off",
  moveUp: "Move up",
  moveDown: "Move down",
  dragHandle: (name: string) => `Drag to reorder ${name || "this rule"} (or press space, then the arrow keys)`,
  deleteRule: "Delete rule",
  conditionsHeading: "When (all that are set must hold)",
  segments: "Shopper is in one of these segments",
  pageTypes: "Shopper is on one of these pages",
  moreConditions: "Conditions on the product on the page or the cart",
  fewerConditions: "Hide product and cart conditions",
  productContext: "Product on the page has",
  cart: "Cart contains",
  minItems: "At least this many items",
  listHelp: "Separate several with commas.",
  tags: "Tags",
  vendors: "Vendors",
  productTypes: "Product types",
  collections: "Collections (handles or ids)",
  productIds: "Product ids",
  priceMin: "Price from",
  priceMax: "Price up to",
  actionsHeading: "Then",
  addAction: "Add action",
  removeAction: "Remove action",
  actionType: "Action",
  actionLabels: {
    exclude: "Hide products",
    boost: "Boost products",
    bury: "Bury products",
    pin: "Pin products to positions",
    inStockOnly: "Only show products in stock",
    maxPerVendor: "At most N products per vendor",
  } satisfies Record<ActionType, string>,
  factor: "Factor",
  factorHelp: { boost: "2 doubles the score.", bury: "2 halves the score." } as Record<string, string>,
  matchHelp: "Which products: every field you fill must match.",
  pinProduct: "Product",
  pinPosition: "Position",
  addPin: "Add product",
  removePin: "Remove",
  max: "N per vendor",
  pageTypeNames: {
    product: "Product page",
    collection: "Collection page",
    cart: "Cart",
    home: "Home page",
    search: "Search results",
    other: "Other pages",
  } satisfies Record<PageType, string>,
  weightsHeading: "Strategies",
  weightsHelp: "How much each source of suggestions counts, from 0 (off) to 10.",
  strategies: {
    repurchase: ["Buy again", "Products this customer buys regularly, when they are due again."],
    personal: ["For this shopper", "Bought with or similar to what this shopper bought or viewed."],
    copurchase: ["Bought together", "Often bought with the product on the page or in the cart."],
    complementary: ["Goes with the cart", "Products that complete what is in the cart."],
    content: ["Similar", "Similar title, type, tags and description to the product on the page or the question."],
    popular: ["Popular", "Bought by the most shoppers recently."],
    trending: ["Trending", "Selling faster now than before."],
  } satisfies Record<StrategyName, [string, string]>,
  previewHeading: "Preview",
  previewHelp: "What a shopper would see with the rules and strategies above, saved or not.",
  customer: "Customer",
  customerPlaceholder: "Search by name or email",
  anonymous: "Anonymous visitor",
  product: "On the page of",
  productPlaceholder: "Search products",
  homePage: "Use the home page",
  runPreview: "Show recommendations",
  previewEmpty: "No products to recommend. Sync your shop, or loosen the rules.",
  noCatalog: "Your products have not been synced yet. Sync from the home page to preview recommendations.",
  segmentsOf: (list: string) => `Segments: ${list}`,
  noSegments: "Segments: none",
  fixFirst: "Fix the rules before previewing them",
  saved: "Recommendation settings saved",
  saveFailed: "Not saved: fix the problems shown",
  save: "Save",
  discard: "Discard",
  errorsTitle: (n: number) => (n === 1 ? "1 problem to fix before saving" : `${n} problems to fix before saving`),
  ruleBadge: (rule: string, action: string) => `${action}: ${rule}`,
  errorTitle: "This page could not load",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const currency = await shopCurrency(db, shop);
  const [rules, weights, segments, products, customers, validation] = await Promise.all([
    readSetting(db, shop, recommendationRules, { currency }),
    readSetting(db, shop, strategyWeights, { currency }),
    segmentOptions(db, shop),
    db.product.count({ where: { shop, deletedAt: null } }),
    db.customer.count({ where: { shop, deletedAt: null } }),
    readShopValidation(db, shop),
  ]);
  const customWeights = STRATEGIES.some((s) => weights[s] !== DEFAULT_WEIGHTS[s]);
  const pinned = [...new Set(rules.flatMap((r) => r.actions.flatMap((a) => (a.type === "pin" ? a.pins : []))))];
  const titles = await db.product.findMany({
    where: { shop, id: { in: pinned.map((p) => p.productId) } },
    select: { id: true, title: true },
  });
  return {
    rules,
    weights,
    segments,
    currency,
    counts: { products, customers },
    pinTitles: titles,
    validation: describeValidation(validation, { customWeights }),
  };
};

const MAX_BODY = 500_000;

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const text = await request.text();
  let body: { rules?: unknown; weights?: unknown } | null = null;
  try {
    body = text.length <= MAX_BODY ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!body || typeof body !== "object") {
    return data(
      { ok: false as const, errors: [{ path: [], message: "The settings could not be read; reload the page." }] },
      { status: 400 },
    );
  }
  const segments = (await segmentOptions(db, session.shop)).map((s) => s.id);
  const rules = validateRules(body.rules ?? [], { knownSegments: segments });
  const weights = WeightsSchema.safeParse(body.weights);
  if (!rules.ok || !weights.success) {
    const errors: ValidationError[] = [
      ...(rules.ok ? [] : rules.errors),
      ...(weights.success ? [] : weights.error.issues.map((i) => ({ path: ["weights"], message: i.message }))),
    ];
    return data({ ok: false as const, errors }, { status: 400 });
  }
  await writeSetting(db, session.shop, recommendationRules, rules.rules);
  await writeSetting(db, session.shop, strategyWeights, weights.data as StrategyWeights);
  return { ok: true as const, rules: rules.rules, weights: weights.data as StrategyWeights };
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function errorsUnder(errors: readonly ValidationError[], prefix: readonly (string | number)[]) {
  return errors.filter((e) => prefix.every((segment, i) => e.path[i] === segment)).map((e) => e.message);
}

function Problems({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <BlockStack gap="100">
      {messages.map((message) => (
        <Text key={message} as="p" tone="critical">
          {message}
        </Text>
      ))}
    </BlockStack>
  );
}

/** Product search over the synced catalog, through the preview route's GET. */
function ProductPicker({
  label,
  value,
  title,
  placeholder,
  onChange,
  error,
}: {
  label: string;
  value: string;
  title: string;
  placeholder: string;
  onChange: (id: string, title: string) => void;
  error?: string;
}) {
  const fetcher = useFetcher<{ products: ProductOption[] }>();
  const [input, setInput] = useState(title);
  useEffect(() => setInput(title), [title]);
  const options = (fetcher.data?.products ?? []).map((p) => ({
    value: p.id,
    label: `${p.title} — ${[p.vendor, p.productType].filter(Boolean).join(", ")}`,
  }));
  const search = (text: string) => {
    setInput(text);
    fetcher.load(`/app/recommendations/preview?${new URLSearchParams({ products: text })}`);
  };
  return (
    <Autocomplete
      options={options}
      selected={value ? [value] : []}
      loading={fetcher.state !== "idle"}
      onSelect={([id]) => {
        const picked = fetcher.data?.products.find((p) => p.id === id);
        if (picked) {
          setInput(picked.title);
          onChange(picked.id, picked.title);
        }
      }}
      textField={
        <Autocomplete.TextField
          label={label}
          value={input}
          onChange={search}
          onFocus={() => !fetcher.data && search(input === title ? "" : input)}
          placeholder={placeholder}
          autoComplete="off"
          error={error}
        />
      }
    />
  );
}

function MatchFields({
  match,
  onChange,
  withPrice = true,
}: {
  match: Partial<MatchForm>;
  onChange: (next: Partial<MatchForm>) => void;
  withPrice?: boolean;
}) {
  const field = (key: keyof MatchForm, label: string, help?: string) => (
    <TextField
      label={label}
      value={match[key] ?? ""}
      onChange={(value) => onChange({ ...match, [key]: value })}
      helpText={help}
      autoComplete="off"
    />
  );
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
      {field("tags", STRINGS.tags, STRINGS.listHelp)}
      {field("vendors", STRINGS.vendors, STRINGS.listHelp)}
      {field("productTypes", STRINGS.productTypes, STRINGS.listHelp)}
      {field("collections", STRINGS.collections, STRINGS.listHelp)}
      {field("productIds", STRINGS.productIds, STRINGS.listHelp)}
      {withPrice ? (
        <InlineGrid columns={2} gap="200">
          {field("priceMin", STRINGS.priceMin)}
          {field("priceMax", STRINGS.priceMax)}
        </InlineGrid>
      ) : null}
    </InlineGrid>
  );
}

function ActionEditor({
  action,
  onChange,
  onRemove,
  errors,
  canRemove,
}: {
  action: ActionForm;
  onChange: (next: ActionForm) => void;
  onRemove: () => void;
  errors: readonly ValidationError[];
  canRemove: boolean;
}) {
  const types = Object.entries(STRINGS.actionLabels).map(([value, label]) => ({ value, label }));
  return (
    <div data-action={action.type}>
      <Box padding="300" background="bg-surface-secondary" borderRadius="200">
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="end" gap="200">
            <Box minWidth="260px">
              <Select
                label={STRINGS.actionType}
                options={types}
                value={action.type}
                onChange={(type) => onChange({ ...action, type: type as ActionType })}
              />
            </Box>
            {canRemove ? (
              <Button variant="plain" tone="critical" onClick={onRemove}>
                {STRINGS.removeAction}
              </Button>
            ) : null}
          </InlineStack>
          {action.type === "boost" || action.type === "bury" || action.type === "exclude" ? (
            <BlockStack gap="200">
              <Text as="p" tone="subdued">
                {STRINGS.matchHelp}
              </Text>
              <MatchFields
                match={action.match}
                onChange={(match) => onChange({ ...action, match: match as MatchForm })}
              />
            </BlockStack>
          ) : null}
          {action.type === "boost" || action.type === "bury" ? (
            <Box maxWidth="200px">
              <TextField
                label={STRINGS.factor}
                type="number"
                value={action.factor}
                onChange={(factor) => onChange({ ...action, factor })}
                helpText={STRINGS.factorHelp[action.type]}
                autoComplete="off"
              />
            </Box>
          ) : null}
          {action.type === "maxPerVendor" ? (
            <Box maxWidth="200px">
              <TextField
                label={STRINGS.max}
                type="number"
                value={action.max}
                onChange={(max) => onChange({ ...action, max })}
                autoComplete="off"
              />
            </Box>
          ) : null}
          {action.type === "pin" ? (
            <BlockStack gap="200">
              {action.pins.map((pin, index) => (
                <InlineGrid key={pin.key} columns={{ xs: 1, md: "3fr 1fr auto" }} gap="200" alignItems="end">
                  <ProductPicker
                    label={STRINGS.pinProduct}
                    value={pin.productId}
                    title={pin.title}
                    placeholder={STRINGS.productPlaceholder}
                    onChange={(productId, title) =>
                      onChange({
                        ...action,
                        pins: action.pins.map((p, i) => (i === index ? { ...p, productId, title } : p)),
                      })
                    }
                  />
                  <TextField
                    label={STRINGS.pinPosition}
                    type="number"
                    value={pin.position}
                    onChange={(position) =>
                      onChange({ ...action, pins: action.pins.map((p, i) => (i === index ? { ...p, position } : p)) })
                    }
                    autoComplete="off"
                  />
                  <Button
                    disabled={action.pins.length === 1}
                    onClick={() => onChange({ ...action, pins: action.pins.filter((_, i) => i !== index) })}
                  >
                    {STRINGS.removePin}
                  </Button>
                </InlineGrid>
              ))}
              <InlineStack>
                <Button
                  onClick={() =>
                    onChange({
                      ...action,
                      pins: [
                        ...action.pins,
                        { key: newKey(), productId: "", title: "", position: String(action.pins.length + 1) },
                      ],
                    })
                  }
                >
                  {STRINGS.addPin}
                </Button>
              </InlineStack>
            </BlockStack>
          ) : null}
          <Problems messages={errors.map((e) => e.message)} />
        </BlockStack>
      </Box>
    </div>
  );
}

function RuleCard({
  rule,
  index,
  count,
  segments,
  errors,
  onChange,
  onMove,
  onDelete,
}: {
  rule: RuleForm;
  index: number;
  count: number;
  segments: LoaderData["segments"];
  errors: readonly ValidationError[];
  onChange: (next: RuleForm) => void;
  onMove: (to: number) => void;
  onDelete: () => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: rule.key,
  });
  const hasMore =
    Object.values(rule.productContext).some((v) => v.trim()) || Object.values(rule.cart).some((v) => v.trim());
  const [showMore, setShowMore] = useState(hasMore);
  const mine = errors.filter((e) => e.path[0] === index);
  const nameErrors = errorsUnder(mine, [index, "name"]);
  const conditionErrors = errorsUnder(mine, [index, "conditions"]);
  const ruleErrors = mine
    .filter((e) => e.path.length <= 1 || (e.path[1] === "actions" && e.path.length === 2))
    .map((e) => e.message);
  const actionErrors = (i: number) => mine.filter((e) => e.path[1] === "actions" && e.path[2] === i);
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}
      data-rule={rule.name}
    >
      <Card>
        <BlockStack gap="400">
          <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
            <InlineStack gap="200" blockAlign="center" wrap={false}>
              <button
                type="button"
                ref={setActivatorNodeRef}
                {...attributes}
                {...listeners}
                aria-label={STRINGS.dragHandle(rule.name)}
                style={{ cursor: "grab", border: 0, background: "none", fontSize: 18, padding: 4 }}
              >
                ⠿
              </button>
              <Text as="h3" variant="headingMd">
                {`${index + 1}. ${rule.name || STRINGS.newRuleName(index + 1)}`}
              </Text>
              <Badge tone={rule.enabled ? "success" : undefined}>{rule.enabled ? STRINGS.enabled : STRINGS.off}</Badge>
            </InlineStack>
            <ButtonGroup>
              <Button disabled={index === 0} onClick={() => onMove(index - 1)} accessibilityLabel={STRINGS.moveUp}>
                ↑
              </Button>
              <Button
                disabled={index === count - 1}
                onClick={() => onMove(index + 1)}
                accessibilityLabel={STRINGS.moveDown}
              >
                ↓
              </Button>
              <Button tone="critical" variant="plain" onClick={onDelete}>
                {STRINGS.deleteRule}
              </Button>
            </ButtonGroup>
          </InlineStack>
          <InlineGrid columns={{ xs: 1, md: "3fr 1fr" }} gap="300" alignItems="end">
            <TextField
              label={STRINGS.ruleName}
              value={rule.name}
              onChange={(name) => onChange({ ...rule, name })}
              error={nameErrors[0]}
              autoComplete="off"
              maxLength={80}
            />
            <Checkbox
              label={STRINGS.enabled}
              checked={rule.enabled}
              onChange={(enabled) => onChange({ ...rule, enabled })}
            />
          </InlineGrid>
          <Divider />
          <Text as="h4" variant="headingSm">
            {STRINGS.conditionsHeading}
          </Text>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <ChoiceList
              allowMultiple
              title={STRINGS.segments}
              choices={segments.map((s) => ({ value: s.id, label: s.name }))}
              selected={rule.segments}
              onChange={(selected) => onChange({ ...rule, segments: selected })}
            />
            <ChoiceList
              allowMultiple
              title={STRINGS.pageTypes}
              choices={PAGE_TYPES.map((p) => ({ value: p, label: STRINGS.pageTypeNames[p] }))}
              selected={rule.pageTypes}
              onChange={(selected) => onChange({ ...rule, pageTypes: selected as PageType[] })}
            />
          </InlineGrid>
          <InlineStack>
            <Button
              variant="plain"
              disclosure={showMore ? "up" : "down"}
              ariaExpanded={showMore}
              ariaControls={`${rule.key}-more`}
              onClick={() => setShowMore(!showMore)}
            >
              {showMore ? STRINGS.fewerConditions : STRINGS.moreConditions}
            </Button>
          </InlineStack>
          <Collapsible id={`${rule.key}-more`} open={showMore}>
            <BlockStack gap="400">
              <BlockStack gap="200">
                <Text as="p" fontWeight="semibold">
                  {STRINGS.productContext}
                </Text>
                <MatchFields
                  match={rule.productContext}
                  withPrice={false}
                  onChange={(match) => onChange({ ...rule, productContext: { ...rule.productContext, ...match } })}
                />
              </BlockStack>
              <BlockStack gap="200">
                <Text as="p" fontWeight="semibold">
                  {STRINGS.cart}
                </Text>
                <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                  {(["tags", "vendors", "productTypes", "productIds"] as const).map((key) => (
                    <TextField
                      key={key}
                      label={STRINGS[key]}
                      value={rule.cart[key]}
                      onChange={(value) => onChange({ ...rule, cart: { ...rule.cart, [key]: value } })}
                      helpText={STRINGS.listHelp}
                      autoComplete="off"
                    />
                  ))}
                  <TextField
                    label={STRINGS.minItems}
                    type="number"
                    value={rule.cart.minItems}
                    onChange={(minItems) => onChange({ ...rule, cart: { ...rule.cart, minItems } })}
                    autoComplete="off"
                  />
                </InlineGrid>
              </BlockStack>
            </BlockStack>
          </Collapsible>
          <Problems messages={conditionErrors} />
          <Divider />
          <Text as="h4" variant="headingSm">
            {STRINGS.actionsHeading}
          </Text>
          {rule.actions.map((action, i) => (
            <ActionEditor
              key={action.key}
              action={action}
              canRemove={rule.actions.length > 1}
              errors={actionErrors(i)}
              onChange={(next) => onChange({ ...rule, actions: rule.actions.map((a, j) => (j === i ? next : a)) })}
              onRemove={() => onChange({ ...rule, actions: rule.actions.filter((_, j) => j !== i) })}
            />
          ))}
          <InlineStack>
            <Button onClick={() => onChange({ ...rule, actions: [...rule.actions, emptyAction("boost")] })}>
              {STRINGS.addAction}
            </Button>
          </InlineStack>
          <Problems messages={ruleErrors} />
        </BlockStack>
      </Card>
    </div>
  );
}

function WeightsCard({ weights, onChange }: { weights: StrategyWeights; onChange: (next: StrategyWeights) => void }) {
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {STRINGS.weightsHeading}
          </Text>
          <Text as="p" tone="subdued">
            {STRINGS.weightsHelp}
          </Text>
        </BlockStack>
        {STRATEGIES.map((strategy) => {
          const [label, help] = STRINGS.strategies[strategy];
          return (
            <RangeSlider
              key={strategy}
              label={label}
              helpText={help}
              min={0}
              max={10}
              step={0.05}
              value={weights[strategy]}
              output
              suffix={<Text as="span">{weights[strategy].toFixed(2)}</Text>}
              onChange={(value) => onChange({ ...weights, [strategy]: typeof value === "number" ? value : value[0] })}
            />
          );
        })}
      </BlockStack>
    </Card>
  );
}

interface PreviewResult {
  items?: PreviewItem[];
  segments?: string[];
  error?: { message: string; errors?: ValidationError[] };
}

function PreviewCard({
  rules,
  weights,
  hasCatalog,
}: {
  rules: RuleForm[];
  weights: StrategyWeights;
  hasCatalog: boolean;
}) {
  const preview = useFetcher<PreviewResult>();
  const customers = useFetcher<{ customers: CustomerOption[] }>();
  const [customer, setCustomer] = useState<CustomerOption | null>(null);
  const [customerInput, setCustomerInput] = useState("");
  const [product, setProduct] = useState<{ id: string; title: string } | null>(null);
  const run = () =>
    preview.submit(
      JSON.stringify({
        rules: toRules(rules),
        weights,
        customerId: customer?.id ?? null,
        productId: product?.id ?? null,
      }),
      { method: "post", action: "/app/recommendations/preview", encType: "application/json" },
    );
  const searchCustomers = (text: string) => {
    setCustomerInput(text);
    customers.load(`/app/recommendations/preview?${new URLSearchParams({ customers: text })}`);
  };
  const result = preview.data;
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {STRINGS.previewHeading}
          </Text>
          <Text as="p" tone="subdued">
            {STRINGS.previewHelp}
          </Text>
        </BlockStack>
        {!hasCatalog ? (
          <Banner tone="info">
            <p>{STRINGS.noCatalog}</p>
          </Banner>
        ) : (
          <>
            <Autocomplete
              options={[
                { value: "", label: STRINGS.anonymous },
                ...(customers.data?.customers ?? []).map((c) => ({
                  value: c.id,
                  label: c.email && c.email !== c.name ? `${c.name} (${c.email})` : c.name,
                })),
              ]}
              selected={customer ? [customer.id] : [""]}
              loading={customers.state !== "idle"}
              onSelect={([id]) => {
                const picked = customers.data?.customers.find((c) => c.id === id) ?? null;
                setCustomer(picked);
                setCustomerInput(picked ? picked.name : "");
              }}
              textField={
                <Autocomplete.TextField
                  label={STRINGS.customer}
                  value={customerInput}
                  onChange={searchCustomers}
                  onFocus={() => !customers.data && searchCustomers(customerInput)}
                  placeholder={STRINGS.customerPlaceholder}
                  helpText={customer ? undefined : STRINGS.anonymous}
                  autoComplete="off"
                />
              }
            />
            <InlineGrid columns={{ xs: 1, md: "3fr 1fr" }} gap="200" alignItems="end">
              <ProductPicker
                label={STRINGS.product}
                value={product?.id ?? ""}
                title={product?.title ?? ""}
                placeholder={STRINGS.productPlaceholder}
                onChange={(id, title) => setProduct({ id, title })}
              />
              <Button variant="plain" onClick={() => setProduct(null)} disabled={!product}>
                {STRINGS.homePage}
              </Button>
            </InlineGrid>
            <InlineStack>
              <Button variant="primary" onClick={run} loading={preview.state !== "idle"}>
                {STRINGS.runPreview}
              </Button>
            </InlineStack>
            {preview.state !== "idle" && !result ? <SkeletonBodyText lines={4} /> : null}
            {result?.error ? (
              <Banner tone="critical" title={STRINGS.fixFirst}>
                <List>
                  {(result.error.errors ?? [{ message: result.error.message }]).map((e) => (
                    <List.Item key={e.message}>{e.message}</List.Item>
                  ))}
                </List>
              </Banner>
            ) : null}
            {result?.items ? (
              <BlockStack gap="300">
                <Text as="p" tone="subdued">
                  {result.segments?.length ? STRINGS.segmentsOf(result.segments.join(", ")) : STRINGS.noSegments}
                </Text>
                {result.items.length === 0 ? (
                  <Text as="p">{STRINGS.previewEmpty}</Text>
                ) : (
                  <ol aria-label={STRINGS.previewHeading} style={{ margin: 0, paddingLeft: 20 }}>
                    {result.items.map((item) => (
                      <li key={item.productId} data-product-type={item.productType}>
                        <BlockStack gap="100">
                          <Text as="span" fontWeight="semibold">
                            {item.title}
                          </Text>
                          <Text as="span" tone="subdued">
                            {[item.vendor, item.productType, item.price.toFixed(2)].filter(Boolean).join(" · ")}
                          </Text>
                          <InlineStack gap="100">
                            <Badge>{item.reason}</Badge>
                            {item.rules.map((r) => (
                              <Badge key={`${r.rule}|${r.action}`} tone="info">
                                {STRINGS.ruleBadge(r.rule, r.action)}
                              </Badge>
                            ))}
                          </InlineStack>
                        </BlockStack>
                      </li>
                    ))}
                  </ol>
                )}
              </BlockStack>
            ) : null}
          </>
        )}
      </BlockStack>
    </Card>
  );
}

export default function Recommendations() {
  const loaded = useLoaderData<typeof loader>();
  const save = useFetcher<typeof action>();
  const shopify = useAppBridge();
  const titles = useMemo(() => new Map(loaded.pinTitles.map((p) => [p.id, p.title])), [loaded.pinTitles]);
  const [forms, setForms] = useState<RuleForm[]>(() => fromRules(loaded.rules, titles));
  const [weights, setWeights] = useState<StrategyWeights>(loaded.weights);
  const serialise = (r: RuleForm[], w: StrategyWeights) => JSON.stringify({ rules: toRules(r), weights: w });
  const [baseline, setBaseline] = useState(() => serialise(fromRules(loaded.rules, titles), loaded.weights));
  const current = serialise(forms, weights);
  const dirty = current !== baseline;
  const knownSegments = useMemo(() => loaded.segments.map((s) => s.id), [loaded.segments]);
  const validation = useMemo(() => validateRules(toRules(forms), { knownSegments }), [forms, knownSegments]);
  const serverErrors = save.data && !save.data.ok ? save.data.errors : [];
  const errors: ValidationError[] = validation.ok ? serverErrors : validation.errors;

  useEffect(() => {
    if (save.state !== "idle" || !save.data) return;
    if (save.data.ok) {
      setBaseline(serialise(fromRules(save.data.rules, titles), save.data.weights));
      shopify.toast.show(STRINGS.saved);
    } else {
      shopify.toast.show(STRINGS.saveFailed, { isError: true });
    }
    // The toast is for this response only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [save.state, save.data]);

  const onSave = useCallback(() => {
    save.submit(current, { method: "post", encType: "application/json" });
  }, [save, current]);
  const onDiscard = () => {
    const saved = JSON.parse(baseline) as { rules: Rule[]; weights: StrategyWeights };
    setForms(fromRules(saved.rules, titles));
    setWeights(saved.weights);
  };

  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = forms.findIndex((r) => r.key === active.id);
    const to = forms.findIndex((r) => r.key === over.id);
    setForms(arrayMove(forms, from, to));
  };
  const addRule = () => setForms([...forms, emptyRule(STRINGS.newRuleName(forms.length + 1))]);

  let rulesBody: ReactNode;
  if (forms.length === 0) {
    rulesBody = (
      <Card>
        <EmptyCard heading={STRINGS.emptyHeading} action={{ content: STRINGS.addRule, onAction: addRule }}>
          {STRINGS.emptyBody}
        </EmptyCard>
      </Card>
    );
  } else {
    rulesBody = (
      <DndContext sensors={sensors} collisionDetection={closestCorners} onDragEnd={onDragEnd}>
        <SortableContext items={forms.map((r) => r.key)} strategy={verticalListSortingStrategy}>
          <BlockStack gap="400">
            {forms.map((rule, index) => (
              <RuleCard
                key={rule.key}
                rule={rule}
                index={index}
                count={forms.length}
                segments={loaded.segments}
                errors={errors}
                onChange={(next) => setForms(forms.map((r, i) => (i === index ? next : r)))}
                onMove={(to) => setForms(arrayMove(forms, index, to))}
                onDelete={() => setForms(forms.filter((_, i) => i !== index))}
              />
            ))}
          </BlockStack>
        </SortableContext>
      </DndContext>
    );
  }

  return (
    <Page>
      <TitleBar title={STRINGS.title} />
      <SaveBar id="recommendations-save-bar" open={dirty}>
        {/* App Bridge's save bar reads `variant` from its plain <button> children. */}
        {/* eslint-disable-next-line react/no-unknown-property */}
        <button variant="primary" onClick={onSave} disabled={save.state !== "idle"}>
          {STRINGS.save}
        </button>
        <button onClick={onDiscard}>{STRINGS.discard}</button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <InlineStack align="space-between" blockAlign="center">
              <BlockStack gap="100">
                <Text as="h2" variant="headingLg">
                  {STRINGS.rulesHeading}
                </Text>
                <Text as="p" tone="subdued">
                  {STRINGS.rulesHelp}
                </Text>
              </BlockStack>
              {forms.length ? <Button onClick={addRule}>{STRINGS.addRule}</Button> : null}
            </InlineStack>
            {errors.length ? (
              <Banner tone="critical" title={STRINGS.errorsTitle(errors.length)}>
                <List>
                  {errors.map((e) => (
                    <List.Item key={`${e.path.join(".")}|${e.message}`}>{e.message}</List.Item>
                  ))}
                </List>
              </Banner>
            ) : null}
            {rulesBody}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <RecommendationValidationCard words={loaded.validation} />
            <WeightsCard weights={weights} onChange={setWeights} />
            <PreviewCard rules={forms} weights={weights} hasCatalog={loaded.counts.products > 0} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError title={STRINGS.errorTitle} />;
}
