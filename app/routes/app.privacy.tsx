import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Modal,
  Page,
  SkeletonBodyText,
  SkeletonPage,
  Text,
  TextField,
} from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { db } from "../db.server";
import { collectCustomerData, redactCustomer, type CustomerExport } from "../privacy/compliance.server";
import { keyRing } from "../privacy/keys.server";
import { findCustomerForPrivacy, type CustomerMatch } from "../privacy/lookup.server";
import { privacySettings } from "../settings/definitions.server";
import { readSetting, writeSetting } from "../settings/store.server";
import { PageError } from "../components/page-error";
import { authenticate } from "../shopify.server";

export const STRINGS = {
  title: "Privacy",
  settingsHeading: "How the assistant treats shoppers' data",
  requireConsent: "Only use browsing for recommendations when the shopper consented",
  requireConsentHelp:
    "On: behaviour is recorded only when Shopify's Customer Privacy API allows analytics. Off: also on storefronts without a cookie banner. A shopper's refusal or \"Don't use my data\" is always respected.",
  retention: "Keep conversations and browsing for (days)",
  retentionHelp: "Older conversations, their messages and behaviour events are deleted every day.",
  disclosure: "Disclosure shown in the chat",
  disclosureHelp: "Tells shoppers they are talking to an automated assistant. Empty: the chat's own sentence.",
  redact: "Remove email addresses and phone numbers from stored conversations",
  redactHelp:
    "The assistant still reads them for the turn they were typed in (to find an order), but they are not kept.",
  save: "Save",
  discard: "Discard",
  saved: "Privacy settings saved",
  customerHeading: "A customer's data",
  customerHelp:
    "Find a customer by email or Shopify customer id to download everything the app holds about them, or erase it. This is what Shopify's customer data request and redaction webhooks do.",
  lookupLabel: "Email or customer id",
  lookup: "Find",
  notFound: "The app holds no data about that customer.",
  badQuery: "Enter an email address or a numeric Shopify customer id.",
  found: (m: CustomerMatch) =>
    `${m.name ?? m.email ?? `Customer ${m.ref.id}`}: ${m.synced ? "synced customer, " : ""}${m.orders} orders, ${m.conversations} conversations.`,
  export: "Download data",
  exported: "Export downloaded",
  erase: "Erase data",
  eraseTitle: "Erase this customer's data?",
  eraseBody:
    "Their conversations, messages, browsing and privacy choices are deleted, and their synced customer record removed. Orders stay for your figures with the personal fields emptied. This cannot be undone.",
  eraseConfirm: "Erase",
  cancel: "Cancel",
  erased: (n: number) => `Erased ${n} records`,
};

const settingsForm = z.object({
  intent: z.literal("save"),
  requireConsent: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  redactTranscripts: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  retentionDays: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "keep conversations at least one day")
    .max(3650, "keep conversations at most ten years"),
  disclosure: z
    .string()
    .trim()
    .max(300, "keep the disclosure under 300 characters")
    .transform((v) => v || null),
});

const customerForm = z.object({
  intent: z.enum(["lookup", "export", "erase"]),
  query: z.string().trim().min(1, STRINGS.badQuery).max(254),
  confirm: z.string().optional(),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { settings: await readSetting(db, session.shop, privacySettings) };
};

type ActionResult =
  | { ok: true; intent: "save" }
  | { ok: true; intent: "lookup"; match: CustomerMatch }
  | { ok: true; intent: "export"; export: CustomerExport }
  | { ok: true; intent: "erase"; erased: number }
  | { ok: false; intent: string; errors: Record<string, string> };

const failure = (intent: string, errors: Record<string, string>, status = 422) =>
  Response.json({ ok: false, intent, errors } satisfies ActionResult, { status });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const fields = Object.fromEntries(await request.formData());
  if (fields.intent === "save") {
    const parsed = settingsForm.safeParse(fields);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return failure("save", errors);
    }
    const { intent: _intent, ...settings } = parsed.data;
    await writeSetting(db, session.shop, privacySettings, settings);
    return { ok: true, intent: "save" } satisfies ActionResult;
  }
  const parsed = customerForm.safeParse(fields);
  if (!parsed.success) return failure(String(fields.intent ?? ""), { query: STRINGS.badQuery });
  const { intent, query, confirm } = parsed.data;
  if (!query.includes("@") && !/^(gid:\/\/shopify\/Customer\/)?\d{1,20}$/.test(query)) {
    return failure(intent, { query: STRINGS.badQuery });
  }
  const match = await findCustomerForPrivacy(db, keyRing, session.shop, query);
  if (!match) return failure(intent, { query: STRINGS.notFound }, 404);
  if (intent === "lookup") return { ok: true, intent, match } satisfies ActionResult;
  if (intent === "export") {
    return { ok: true, intent, export: await collectCustomerData(db, session.shop, match.ref) } satisfies ActionResult;
  }
  // Erasing is the one action here that cannot be undone: the form must say so explicitly.
  if (confirm !== "erase") return failure(intent, { confirm: "Confirm the erasure first." });
  const erased = await redactCustomer(db, session.shop, {
    customer: { id: match.ref.id, email: match.ref.email },
    orders_to_redact: match.ref.orderIds,
  });
  return { ok: true, intent, erased } satisfies ActionResult;
};

type Settings = Awaited<ReturnType<typeof loader>>["settings"];
type Fields = { requireConsent: boolean; redactTranscripts: boolean; retentionDays: string; disclosure: string };

const fieldsOf = (settings: Settings): Fields => ({
  requireConsent: settings.requireConsent,
  redactTranscripts: settings.redactTranscripts,
  retentionDays: String(settings.retentionDays),
  disclosure: settings.disclosure ?? "",
});

function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export default function Privacy() {
  const { settings } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const saveFetcher = useFetcher<ActionResult>();
  const customerFetcher = useFetcher<ActionResult>();
  const saved = useMemo(() => fieldsOf(settings), [settings]);
  const [fields, setFields] = useState<Fields>(saved);
  const [query, setQuery] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [match, setMatch] = useState<CustomerMatch | null>(null);
  useEffect(() => setFields(saved), [saved]);
  const dirty = JSON.stringify(fields) !== JSON.stringify(saved);

  const saveResult = saveFetcher.state === "idle" ? saveFetcher.data : undefined;
  const customerResult = customerFetcher.state === "idle" ? customerFetcher.data : undefined;
  const saveErrors = saveResult && !saveResult.ok ? saveResult.errors : {};
  const customerError = customerResult && !customerResult.ok ? Object.values(customerResult.errors)[0] : undefined;

  useEffect(() => {
    if (saveResult?.ok) shopify.toast.show(STRINGS.saved);
  }, [saveResult, shopify]);
  useEffect(() => {
    if (!customerResult) return;
    if (!customerResult.ok) return setMatch(null);
    if (customerResult.intent === "lookup") setMatch(customerResult.match);
    if (customerResult.intent === "export") {
      download(`customer-${customerResult.export.customer.id || "by-email"}-data.json`, customerResult.export);
      shopify.toast.show(STRINGS.exported);
    }
    if (customerResult.intent === "erase") {
      setMatch(null);
      setConfirming(false);
      shopify.toast.show(STRINGS.erased(customerResult.erased));
    }
  }, [customerResult, shopify]);

  if (navigation.state === "loading" && navigation.location.pathname !== "/app/privacy") {
    return (
      <SkeletonPage title={STRINGS.title}>
        <Card>
          <SkeletonBodyText lines={8} />
        </Card>
      </SkeletonPage>
    );
  }

  const save = () => {
    const body = new FormData();
    body.set("intent", "save");
    if (fields.requireConsent) body.set("requireConsent", "on");
    if (fields.redactTranscripts) body.set("redactTranscripts", "on");
    body.set("retentionDays", fields.retentionDays);
    body.set("disclosure", fields.disclosure);
    saveFetcher.submit(body, { method: "post" });
  };
  const customerAction = (intent: "lookup" | "export" | "erase") =>
    customerFetcher.submit(
      {
        intent,
        query: intent === "lookup" ? query : (match?.email ?? match?.ref.id ?? query),
        ...(intent === "erase" ? { confirm: "erase" } : {}),
      },
      { method: "post" },
    );
  const busy = customerFetcher.state !== "idle" ? customerFetcher.formData?.get("intent") : null;

  return (
    <Page title={STRINGS.title}>
      <TitleBar title={STRINGS.title} />
      <SaveBar id="privacy-save-bar" open={dirty}>
        {/* eslint-disable-next-line react/no-unknown-property -- App Bridge's save bar reads `variant` */}
        <button variant="primary" onClick={save} disabled={saveFetcher.state !== "idle"}>
          {STRINGS.save}
        </button>
        <button onClick={() => setFields(saved)}>{STRINGS.discard}</button>
      </SaveBar>
      <Layout>
        <Layout.AnnotatedSection title={STRINGS.settingsHeading}>
          <Card>
            <FormLayout>
              <Checkbox
                label={STRINGS.requireConsent}
                helpText={STRINGS.requireConsentHelp}
                checked={fields.requireConsent}
                onChange={(value) => setFields({ ...fields, requireConsent: value })}
              />
              <TextField
                label={STRINGS.retention}
                type="number"
                min={1}
                max={3650}
                value={fields.retentionDays}
                onChange={(value) => setFields({ ...fields, retentionDays: value })}
                helpText={STRINGS.retentionHelp}
                error={saveErrors.retentionDays}
                autoComplete="off"
              />
              <TextField
                label={STRINGS.disclosure}
                value={fields.disclosure}
                onChange={(value) => setFields({ ...fields, disclosure: value })}
                helpText={STRINGS.disclosureHelp}
                error={saveErrors.disclosure}
                maxLength={300}
                multiline={2}
                autoComplete="off"
              />
              <Checkbox
                label={STRINGS.redact}
                helpText={STRINGS.redactHelp}
                checked={fields.redactTranscripts}
                onChange={(value) => setFields({ ...fields, redactTranscripts: value })}
              />
              <InlineStack align="end">
                <Button variant="primary" onClick={save} disabled={!dirty} loading={saveFetcher.state !== "idle"}>
                  {STRINGS.save}
                </Button>
              </InlineStack>
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={STRINGS.customerHeading} description={STRINGS.customerHelp}>
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="200" blockAlign="end" wrap={false}>
                <div style={{ flex: 1 }}>
                  <TextField
                    label={STRINGS.lookupLabel}
                    value={query}
                    onChange={setQuery}
                    error={customerError}
                    autoComplete="off"
                  />
                </div>
                <Button onClick={() => customerAction("lookup")} loading={busy === "lookup"} disabled={!query.trim()}>
                  {STRINGS.lookup}
                </Button>
              </InlineStack>
              {match ? (
                <Banner tone="info">
                  <BlockStack gap="200">
                    <Text as="p">{STRINGS.found(match)}</Text>
                    <InlineStack gap="200">
                      <Button onClick={() => customerAction("export")} loading={busy === "export"}>
                        {STRINGS.export}
                      </Button>
                      <Button tone="critical" onClick={() => setConfirming(true)}>
                        {STRINGS.erase}
                      </Button>
                    </InlineStack>
                  </BlockStack>
                </Banner>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={STRINGS.eraseTitle}
        primaryAction={{
          content: STRINGS.eraseConfirm,
          destructive: true,
          loading: busy === "erase",
          onAction: () => customerAction("erase"),
        }}
        secondaryActions={[{ content: STRINGS.cancel, onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">{STRINGS.eraseBody}</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError title={"Privacy settings could not load"} />;
}
