import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonPage,
  TextField,
} from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useMemo, useState } from "react";
import type { Weekday } from "../conversations/settings.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { availabilityForm, readAvailability, saveAvailability } from "../inbox/availability.server";
import { PageError } from "../components/page-error";
import { authenticate } from "../shopify.server";

export const STRINGS = {
  title: "Inbox notifications and hours",
  back: "Inbox",
  emailHeading: "Email when a shopper waits",
  emailToggle: "Email me when a shopper asks for a person",
  emailsLabel: "Send to",
  emailsHelp:
    "Up to ten addresses, separated by commas. The email says someone waits and links here; it holds none of the shopper's words.",
  emailOff: "Email is not configured on the app's server (SMTP_URL), so no email is sent yet.",
  hoursHeading: "When people answer",
  hoursHelp:
    "Outside these hours the chat tells shoppers when someone is back and offers to take their email. Leave a day empty when nobody answers.",
  timezone: "Time zone",
  days: {
    mon: "Monday",
    tue: "Tuesday",
    wed: "Wednesday",
    thu: "Thursday",
    fri: "Friday",
    sat: "Saturday",
    sun: "Sunday",
  } as Record<Weekday, string>,
  offlineLabel: "Message outside hours",
  offlineHelp: "Shown to a shopper who asks for a person while nobody answers. Empty: the chat's own words.",
  save: "Save",
  discard: "Discard",
  saved: "Inbox settings saved",
  fix: "Some fields need a change before saving.",
};

const ORDER: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { settings: await readAvailability(db, session.shop), emailConfigured: Boolean(env.SMTP_URL) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = availabilityForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return Response.json({ ok: false, errors }, { status: 422 });
  }
  const result = await saveAvailability(db, session.shop, parsed.data);
  if (!result.ok) return Response.json(result, { status: 422 });
  return { ok: true as const, errors: {} as Record<string, string> };
};

type Fields = Record<string, string | boolean>;

function fieldsOf(settings: Awaited<ReturnType<typeof loader>>["settings"]): Fields {
  return {
    notificationsEnabled: settings.notificationsEnabled,
    emails: settings.emails.join(", "),
    offlineMessage: settings.offlineMessage,
    timezone: settings.timezone,
    ...settings.hours,
  };
}

export default function InboxSettings() {
  const { settings, emailConfigured } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const fetcher = useFetcher<{ ok: boolean; errors: Record<string, string> }>();
  const shopify = useAppBridge();
  const saved = useMemo(() => fieldsOf(settings), [settings]);
  const [fields, setFields] = useState<Fields>(saved);
  useEffect(() => setFields(saved), [saved]);
  const dirty = JSON.stringify(fields) !== JSON.stringify(saved);
  const errors = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {};

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) shopify.toast.show(STRINGS.saved);
  }, [fetcher.state, fetcher.data, shopify]);

  if (navigation.state === "loading" && navigation.location.pathname !== "/app/inbox/settings") {
    return (
      <SkeletonPage title={STRINGS.title} backAction>
        <Card>
          <SkeletonBodyText lines={8} />
        </Card>
      </SkeletonPage>
    );
  }

  const set = (name: string) => (value: string | boolean) => setFields((current) => ({ ...current, [name]: value }));
  const save = () => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      if (name === "notificationsEnabled") {
        if (value) body.set(name, "on");
      } else body.set(name, String(value));
    }
    fetcher.submit(body, { method: "post" });
  };
  const saving = fetcher.state !== "idle";

  return (
    <Page title={STRINGS.title} backAction={{ content: STRINGS.back, url: "/app/inbox" }}>
      <TitleBar title={STRINGS.title} />
      <SaveBar id="inbox-settings-save-bar" open={dirty}>
        {/* eslint-disable-next-line react/no-unknown-property -- App Bridge's save bar reads `variant` */}
        <button variant="primary" onClick={save} disabled={saving}>
          {STRINGS.save}
        </button>
        <button onClick={() => setFields(saved)}>{STRINGS.discard}</button>
      </SaveBar>
      <Layout>
        {Object.keys(errors).length ? (
          <Layout.Section>
            <Banner tone="critical">
              <p>{STRINGS.fix}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.AnnotatedSection title={STRINGS.emailHeading}>
          <Card>
            <FormLayout>
              {!emailConfigured ? (
                <Banner tone="warning">
                  <p>{STRINGS.emailOff}</p>
                </Banner>
              ) : null}
              <Checkbox
                label={STRINGS.emailToggle}
                checked={Boolean(fields.notificationsEnabled)}
                onChange={set("notificationsEnabled")}
              />
              <TextField
                label={STRINGS.emailsLabel}
                value={String(fields.emails)}
                onChange={set("emails")}
                helpText={STRINGS.emailsHelp}
                error={errors.emails}
                autoComplete="email"
              />
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={STRINGS.hoursHeading} description={STRINGS.hoursHelp}>
          <Card>
            <FormLayout>
              <TextField
                label={STRINGS.timezone}
                value={String(fields.timezone)}
                onChange={set("timezone")}
                error={errors.timezone}
                autoComplete="off"
              />
              {ORDER.map((day) => (
                <TextField
                  key={day}
                  label={STRINGS.days[day]}
                  value={String(fields[day])}
                  onChange={set(day)}
                  placeholder="09:00-17:30"
                  error={errors[day]}
                  autoComplete="off"
                />
              ))}
              <TextField
                label={STRINGS.offlineLabel}
                value={String(fields.offlineMessage)}
                onChange={set("offlineMessage")}
                helpText={STRINGS.offlineHelp}
                error={errors.offlineMessage}
                multiline={2}
                maxLength={500}
                autoComplete="off"
              />
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.Section>
          <InlineStack align="end">
            <Button variant="primary" onClick={save} loading={saving} disabled={!dirty}>
              {STRINGS.save}
            </Button>
          </InlineStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError title={"Inbox settings could not load"} />;
}
