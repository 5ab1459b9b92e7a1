import { useCallback, useEffect, useMemo, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { PageError } from "../components/page-error";
import { authenticate } from "../shopify.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { keyRing } from "../privacy/keys.server";
import { themeEditorUrl } from "../analytics/setup.server";
import { automaticShopSendRate } from "../conversations/chat.server";
import {
  fieldErrors,
  readSettingsPage,
  saveSettingsPage,
  settingsForm,
  testConnectionForm,
  testLlmConnection,
  type FieldErrors,
  type SettingsView,
} from "../settings/settings-page.server";

const STRINGS = {
  title: "Settings",
  saved: "Settings saved",
  notSaved: "Some settings need fixing before they can be saved.",
  save: "Save",
  discard: "Discard",
  appearance: {
    heading: "Look of the chat",
    themeHelp:
      "Colours and the bubble's position are part of your theme: change them in the theme editor, under App embeds → Storefront assistant.",
    themeAction: "Open the theme editor",
    privacyHelp: "The assistant's name and the notice shown to shoppers are on the Privacy page.",
    greeting: "Greeting",
    greetingHelp:
      "The first message shoppers see. Leave empty for the built-in greeting in the shopper's language. Greetings per segment or page are on the Greetings page.",
    suggestions: "Suggested questions",
    suggestionsHelp: "One per line, up to 6. Shown as buttons before the shopper writes. Leave empty for the defaults.",
  },
  handoff: {
    heading: "When a shopper asks for a person",
    enabled: "Email me when a shopper is waiting for a person",
    emails: "Send to",
    emailsHelp: "One address per line, or separated by commas (up to 10).",
  },
  llm: {
    heading: "Language model (optional)",
    intro:
      "The assistant answers from your shop's data on its own. A language model can phrase answers more naturally; it is given the same facts and never decides prices, stock or order details. Any provider that offers OpenAI-compatible chat completions works.",
    enabled: "Use a language model",
    baseUrl: "Base URL",
    model: "Model",
    apiKey: "API key",
    apiKeyHelpSaved: "A key is saved. Leave this empty to keep it, or enter a new one.",
    apiKeyHelpNone: "Stored encrypted. It is never shown again.",
    removeKey: "Remove the saved key",
    test: "Test connection",
  },
  chat: {
    heading: "Busy times",
    intro:
      "Each shopper can send messages at a person's pace; someone sending many a second is held back on their own. The shop-wide limit stops a flood that comes from many devices at once.",
    limit: "Chat messages a second, whole shop",
    limitHelp: (automatic: number) =>
      `Leave empty for the automatic limit, now ${automatic.toLocaleString("en")} a second (half of what the app's running servers answer quickly). A lower figure caps what a flood can cost; a higher one only helps if the servers keep up.`,
  },
  loadError: "Settings could not load",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return {
    settings: await readSettingsPage(db, session.shop),
    themeEditorUrl: themeEditorUrl(session.shop, env.SHOPIFY_API_KEY),
    automaticChatRate: automaticShopSendRate(),
  };
};

type ActionResult =
  | { intent: "save"; ok: true; settings: SettingsView }
  | { intent: "save"; ok: false; errors: FieldErrors }
  | { intent: "test"; ok: boolean; message: string; errors?: FieldErrors };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const json = (body: ActionResult, status = 200) => Response.json(body, { status });
  if (form.intent === "test") {
    const parsed = testConnectionForm.safeParse(form);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return json({ intent: "test", ok: false, message: Object.values(errors)[0] ?? "", errors }, 422);
    }
    return json({ intent: "test", ...(await testLlmConnection(db, keyRing, session.shop, parsed.data)) });
  }
  const parsed = settingsForm.safeParse(form);
  if (!parsed.success) return json({ intent: "save", ok: false, errors: fieldErrors(parsed.error) }, 422);
  const result = await saveSettingsPage(db, keyRing, session.shop, parsed.data);
  return json({ intent: "save", ...result }, result.ok ? 200 : 422);
};

interface Draft {
  greeting: string;
  suggestions: string;
  handoffEnabled: boolean;
  handoffEmails: string;
  llmEnabled: boolean;
  llmBaseUrl: string;
  llmModel: string;
  llmApiKey: string;
  llmRemoveKey: boolean;
  chatMessagesPerSecond: string;
}

function draftOf(settings: SettingsView): Draft {
  return {
    greeting: settings.greeting,
    suggestions: settings.suggestions.join("\n"),
    handoffEnabled: settings.handoff.enabled,
    handoffEmails: settings.handoff.emails.join("\n"),
    llmEnabled: settings.llm.enabled,
    llmBaseUrl: settings.llm.baseUrl,
    llmModel: settings.llm.model,
    llmApiKey: "",
    llmRemoveKey: false,
    chatMessagesPerSecond: settings.chat.messagesPerSecond === null ? "" : String(settings.chat.messagesPerSecond),
  };
}

function formDataOf(draft: Draft, intent: "save" | "test") {
  const data = new FormData();
  data.set("intent", intent);
  for (const [key, value] of Object.entries(draft)) {
    if (typeof value === "boolean") {
      if (value) data.set(key, "on");
    } else data.set(key, value);
  }
  return data;
}

const SAVE_BAR_ID = "settings-save-bar";

export default function Settings() {
  const { settings: loaded, themeEditorUrl, automaticChatRate } = useLoaderData<typeof loader>();
  const save = useFetcher<ActionResult>();
  const test = useFetcher<ActionResult>();
  const shopify = useAppBridge();
  const [saved, setSaved] = useState(loaded);
  const [draft, setDraft] = useState(() => draftOf(loaded));
  const initial = useMemo(() => draftOf(saved), [saved]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const saving = save.state !== "idle";
  const errors: FieldErrors = save.data && save.data.intent === "save" && !save.data.ok ? save.data.errors : {};
  const t = STRINGS;

  const set = useCallback(
    <K extends keyof Draft>(key: K) =>
      (value: Draft[K]) =>
        setDraft((current) => ({ ...current, [key]: value })),
    [],
  );

  useEffect(() => {
    if (save.state !== "idle" || !save.data || save.data.intent !== "save") return;
    if (save.data.ok) {
      setSaved(save.data.settings);
      setDraft(draftOf(save.data.settings));
      shopify.toast.show(t.saved);
    } else {
      shopify.toast.show(t.notSaved, { isError: true });
    }
    // Only a finished save answers with a toast.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [save.state, save.data]);

  const submit = () => save.submit(formDataOf(draft, "save"), { method: "post" });
  const discard = () => setDraft(initial);
  const testResult = test.data && test.data.intent === "test" ? test.data : null;

  return (
    <Page>
      <TitleBar title={t.title} />
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        {/* App Bridge's save bar reads `variant` and `loading` from its buttons. */}
        {/* eslint-disable-next-line react/no-unknown-property */}
        <button variant="primary" onClick={submit} loading={saving ? "" : undefined} disabled={saving}>
          {t.save}
        </button>
        <button onClick={discard} disabled={saving}>
          {t.discard}
        </button>
      </SaveBar>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Layout>
          {errors.form ? (
            <Layout.Section>
              <Banner tone="critical">{errors.form}</Banner>
            </Layout.Section>
          ) : null}
          <Layout.AnnotatedSection title={t.appearance.heading} description={t.appearance.themeHelp}>
            <Card>
              <BlockStack gap="400">
                <InlineStack gap="300" blockAlign="center">
                  <Button url={themeEditorUrl} target="_top">
                    {t.appearance.themeAction}
                  </Button>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {t.appearance.privacyHelp}
                </Text>
                <FormLayout>
                  <TextField
                    label={t.appearance.greeting}
                    name="greeting"
                    value={draft.greeting}
                    onChange={set("greeting")}
                    helpText={t.appearance.greetingHelp}
                    error={errors.greeting}
                    multiline={2}
                    maxLength={500}
                    autoComplete="off"
                  />
                  <TextField
                    label={t.appearance.suggestions}
                    name="suggestions"
                    value={draft.suggestions}
                    onChange={set("suggestions")}
                    helpText={t.appearance.suggestionsHelp}
                    error={errors.suggestions}
                    multiline={3}
                    autoComplete="off"
                  />
                </FormLayout>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t.handoff.heading}>
            <Card>
              <FormLayout>
                <Checkbox label={t.handoff.enabled} checked={draft.handoffEnabled} onChange={set("handoffEnabled")} />
                <TextField
                  label={t.handoff.emails}
                  name="handoffEmails"
                  type="text"
                  value={draft.handoffEmails}
                  onChange={set("handoffEmails")}
                  helpText={t.handoff.emailsHelp}
                  error={errors.handoffEmails}
                  multiline={2}
                  autoComplete="email"
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t.chat.heading} description={t.chat.intro}>
            <Card>
              <FormLayout>
                <TextField
                  label={t.chat.limit}
                  name="chatMessagesPerSecond"
                  type="number"
                  min={1}
                  max={10_000}
                  value={draft.chatMessagesPerSecond}
                  onChange={set("chatMessagesPerSecond")}
                  helpText={t.chat.limitHelp(automaticChatRate)}
                  error={errors.chatMessagesPerSecond}
                  autoComplete="off"
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t.llm.heading} description={t.llm.intro}>
            <Card>
              <FormLayout>
                <Checkbox label={t.llm.enabled} checked={draft.llmEnabled} onChange={set("llmEnabled")} />
                <TextField
                  label={t.llm.baseUrl}
                  name="llmBaseUrl"
                  type="url"
                  value={draft.llmBaseUrl}
                  onChange={set("llmBaseUrl")}
                  error={errors.llmBaseUrl ?? testResult?.errors?.llmBaseUrl}
                  autoComplete="off"
                />
                <TextField
                  label={t.llm.model}
                  name="llmModel"
                  value={draft.llmModel}
                  onChange={set("llmModel")}
                  error={errors.llmModel ?? testResult?.errors?.llmModel}
                  autoComplete="off"
                />
                <TextField
                  label={t.llm.apiKey}
                  name="llmApiKey"
                  type="password"
                  value={draft.llmApiKey}
                  onChange={set("llmApiKey")}
                  helpText={saved.llm.keySaved ? t.llm.apiKeyHelpSaved : t.llm.apiKeyHelpNone}
                  error={errors.llmApiKey}
                  autoComplete="off"
                />
                {saved.llm.keySaved ? (
                  <Checkbox label={t.llm.removeKey} checked={draft.llmRemoveKey} onChange={set("llmRemoveKey")} />
                ) : null}
                <InlineStack gap="300" blockAlign="center">
                  <Button
                    loading={test.state !== "idle"}
                    onClick={() => test.submit(formDataOf(draft, "test"), { method: "post" })}
                  >
                    {t.llm.test}
                  </Button>
                </InlineStack>
                {testResult && test.state === "idle" ? (
                  <Banner tone={testResult.ok ? "success" : "critical"}>{testResult.message}</Banner>
                ) : null}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
      </form>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError title={STRINGS.loadError} />;
}
