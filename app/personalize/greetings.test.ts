import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  greetingCandidates,
  greetingSlotKey,
  renderGreeting,
  timeOfDay,
  validateGreetingTemplate,
  type GreetingContext,
  type GreetingTemplate,
} from "./greetings";

const context: GreetingContext = {
  shopName: "Salt & Pepper",
  timezone: "Europe/Berlin",
  now: new Date("2025-06-02T06:30:00Z"), // 08:30 in Berlin
  segments: ["returning_visitor", "vip"],
  pageType: "product",
  customerFirstName: "Ada",
  productTitle: "Linen shirt",
  cartItemCount: 2,
};

/** 1,688 characters of nested loops and conditions: about 3 s of work with no time limit. */
const SLOW_TEMPLATE = `{% for i in (1..90) %}{% for j in (1..90) %}${"{% if j == 0 %}x{% endif %}".repeat(60)}{% endfor %}{% endfor %}`;

const fallback: GreetingTemplate = {
  id: "fallback",
  segment: null,
  pageType: null,
  source: "Welcome to {{ shop.name }}!",
};

function render(source: string, overrides: Partial<GreetingContext> = {}) {
  return renderGreeting({
    templates: [{ id: "t", segment: "vip", pageType: null, source }, fallback],
    context: { ...context, ...overrides },
  });
}

describe("renderGreeting: variables and escaping", () => {
  it("GIVEN a template with the shopper's name WHEN rendered THEN the name appears, HTML-escaped", () => {
    const result = render("Hi {{ customer.first_name }}, good {{ time_of_day }}!", {
      customerFirstName: `<script>alert("x")</script> & O'Neil`,
    });
    expect(result.html).toBe("Hi &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; O&#39;Neil, good morning!");
    expect(result.html).not.toContain("<script");
    // The widget sets textContent, so the text carries the name exactly as typed.
    expect(result.text).toBe(`Hi <script>alert("x")</script> & O'Neil, good morning!`);
    expect(result).toMatchObject({ templateId: "t", source: "template", segment: "vip", errors: [] });
  });

  it("GIVEN every variable WHEN rendered on a product page THEN each has its value", () => {
    const result = render(
      "{{ customer.first_name }}|{{ shop.name }}|{{ segment }}|{{ product.title }}|{{ cart.item_count }}|{{ time_of_day }}",
    );
    expect(result.text).toBe("Ada|Salt & Pepper|vip|Linen shirt|2|morning");
  });

  it("GIVEN a guest on the home page WHEN rendered THEN absent things are empty and testable", () => {
    const result = render(
      'Hi {{ customer.first_name | default: "there" }}{% if product %}, about {{ product.title }}{% endif %}!',
      { customerFirstName: null, pageType: "home", productTitle: "Ignored off product pages" },
    );
    expect(result.text).toBe("Hi there!");
  });

  it("GIVEN an offer for the greeting WHEN the template uses it THEN it renders and is flagged as shown", () => {
    const offer = { code: "VIP10", message: "10% off for you" };
    expect(render("{{ offer.message }}: use {{ offer.code }}", { offer })).toMatchObject({
      text: "10% off for you: use VIP10",
      offerInText: true,
    });
    expect(render("Hello", { offer }).offerInText).toBe(false);
  });

  it("GIVEN the shop's time zone WHEN the hour differs from UTC THEN time of day follows the shop", () => {
    expect(render("{{ time_of_day }}", { timezone: "America/New_York" }).text).toBe("night");
    expect(render("{{ time_of_day }}", { timezone: "Asia/Tokyo" }).text).toBe("afternoon");
  });

  it("GIVEN an unknown time zone WHEN rendered THEN UTC is used and the problem reported", () => {
    const result = render("{{ time_of_day }}", { timezone: "Mars/Olympus" });
    expect(result.text).toBe("morning");
    expect(result.errors).toEqual([{ templateId: null, message: "unknown time zone ‘Mars/Olympus’; used UTC" }]);
  });

  it.each([
    ["2025-06-02T03:00:00Z", "night"],
    ["2025-06-02T04:59:00Z", "night"],
    ["2025-06-02T05:00:00Z", "morning"],
    ["2025-06-02T11:59:00Z", "morning"],
    ["2025-06-02T12:00:00Z", "afternoon"],
    ["2025-06-02T17:00:00Z", "evening"],
    ["2025-06-02T21:59:00Z", "evening"],
    ["2025-06-02T22:00:00Z", "night"],
  ])("GIVEN %s in UTC WHEN asked THEN the time of day is %s", (iso, expected) => {
    expect(timeOfDay(new Date(iso), "UTC")).toBe(expected);
  });
});

describe("renderGreeting: failures never break the widget", () => {
  it("GIVEN a template with a syntax error WHEN rendered THEN the fallback is used and the error reported", () => {
    const result = render("Hi {{ customer.first_name ");
    expect(result).toMatchObject({ text: "Welcome to Salt & Pepper!", templateId: "fallback", source: "fallback" });
    expect(result.errors).toEqual([{ templateId: "t", message: expect.stringContaining("not closed") }]);
  });

  it("GIVEN a template with an unknown variable WHEN rendered THEN strict variables send it to the fallback", () => {
    const result = render("Hi {{ customer.email }}");
    expect(result.templateId).toBe("fallback");
    expect(result.errors[0]).toEqual({ templateId: "t", message: expect.stringContaining("customer.email") });
  });

  it("GIVEN a broken template and a broken fallback WHEN rendered THEN the built-in default greets by name", () => {
    const result = renderGreeting({
      templates: [
        { id: "t", segment: "vip", pageType: null, source: "{% if %}" },
        { ...fallback, source: "{{ nope }}" },
      ],
      context,
    });
    expect(result).toMatchObject({ text: "Hi Ada! How can we help you today?", source: "default", templateId: null });
    expect(result.errors.map((error) => error.templateId)).toEqual(["t", "fallback"]);
  });

  it("GIVEN no templates at all WHEN rendered THEN the built-in default is used without errors", () => {
    const result = renderGreeting({ templates: [], context: { ...context, customerFirstName: "<Al>" } });
    expect(result).toEqual({
      text: "Hi <Al>! How can we help you today?",
      html: "Hi &lt;Al&gt;! How can we help you today?",
      templateId: null,
      source: "default",
      segment: null,
      offerInText: false,
      errors: [],
    });
  });

  it("GIVEN a template that renders nothing WHEN rendered THEN the fallback is used", () => {
    expect(render("{% if product.title == 'x' %}x{% endif %}").templateId).toBe("fallback");
  });

  it("GIVEN a template that loops for seconds WHEN rendered THEN the time limit cuts it off and the fallback is used", () => {
    // Within the length and memory limits, yet seconds of work without the time limit.
    const start = performance.now();
    const result = render(SLOW_TEMPLATE);
    expect(performance.now() - start).toBeLessThan(1500);
    expect(result.templateId).toBe("fallback");
    expect(result.errors[0].message).toMatch(/template render limit exceeded/);
  });

  it("GIVEN a template that allocates a huge range WHEN rendered THEN the memory limit stops it", () => {
    const result = render("{% for i in (1..100000000) %}x{% endfor %}");
    expect(result.templateId).toBe("fallback");
    expect(result.errors[0].message).toMatch(/memory alloc limit exceeded/);
  });

  it("GIVEN a template longer than the limit WHEN rendered THEN it is refused", () => {
    const result = render(`Hi ${"x".repeat(2100)}`);
    expect(result.templateId).toBe("fallback");
    expect(result.errors[0].message).toMatch(/at most 2000 characters/);
  });

  it.each(["include", "render", "layout"])(
    "GIVEN a template with {%% %s %%} of a real file WHEN rendered THEN no file is read and the fallback is used",
    (tag) => {
      const dir = mkdtempSync(path.join(tmpdir(), "greeting-"));
      const file = path.join(dir, "secret.liquid");
      writeFileSync(file, "TOP SECRET");
      const result = render(`{% ${tag} '${file}' %}`);
      expect(result.text).not.toContain("TOP SECRET");
      expect(result.templateId).toBe("fallback");
      expect(result.errors[0].message).toContain(`the ‘${tag}’ tag is not allowed in greetings`);
    },
  );

  it.each([
    ["raw", "{{ customer.first_name | raw }}"],
    ["date", "{{ 'now' | date: '%Y' }}"],
  ])("GIVEN the %s filter WHEN rendered THEN it is not available (escaping cannot be bypassed)", (_, source) => {
    const result = render(source, { customerFirstName: "<b>x</b>" });
    expect(result.templateId).toBe("fallback");
    expect(result.errors[0].message).toMatch(/undefined filter/);
  });

  it("GIVEN a template reaching for prototype properties WHEN rendered THEN they do not exist", () => {
    expect(render("{{ customer.constructor }}").templateId).toBe("fallback");
  });
});

describe("greetingCandidates: the most specific slot wins", () => {
  const t = (id: string, segment: string | null, pageType: GreetingTemplate["pageType"]): GreetingTemplate => ({
    id,
    segment,
    pageType,
    source: id,
  });
  const all = [
    t("any", null, null),
    t("product", null, "product"),
    t("returning", "returning_visitor", null),
    t("vip", "vip", null),
    t("vip-cart", "vip", "cart"),
    t("vip-product-a", "vip", "product"),
    t("vip-product-b", "vip", "product"),
  ];
  const ids = (list: GreetingTemplate[]) => list.map((template) => template.id);

  it("GIVEN segment and page templates WHEN both fit THEN segment × page wins, with its variants", () => {
    expect(ids(greetingCandidates(all, { segments: ["returning_visitor", "vip"], pageType: "product" }))).toEqual([
      "vip-product-a",
      "vip-product-b",
    ]);
  });

  it("GIVEN no segment × page match WHEN chosen THEN the most specific of the shopper's segments wins over the page", () => {
    expect(ids(greetingCandidates(all, { segments: ["returning_visitor", "vip"], pageType: "home" }))).toEqual(["vip"]);
  });

  it("GIVEN only a page match WHEN chosen THEN the page template wins over the fallback", () => {
    expect(ids(greetingCandidates(all, { segments: ["new_visitor"], pageType: "product" }))).toEqual(["product"]);
    expect(ids(greetingCandidates(all, { segments: ["new_visitor"], pageType: "home" }))).toEqual(["any"]);
  });

  it("GIVEN a disabled template WHEN chosen THEN it is skipped", () => {
    const list = all.map((template) => (template.id.startsWith("vip") ? { ...template, enabled: false } : template));
    expect(ids(greetingCandidates(list, { segments: ["returning_visitor", "vip"], pageType: "product" }))).toEqual([
      "returning",
    ]);
  });

  it("GIVEN a chosen variant WHEN rendered THEN that variant is used; slots have stable keys", () => {
    const templates = all.map((template) => ({ ...template, source: `I am ${template.id}` }));
    expect(renderGreeting({ templates, context, chooseVariant: () => "vip-product-b" }).text).toBe(
      "I am vip-product-b",
    );
    expect(renderGreeting({ templates, context, chooseVariant: () => "unknown" }).text).toBe("I am vip-product-a");
    expect(greetingSlotKey(all[5])).toBe("vip|product");
    expect(greetingSlotKey(all[0])).toBe("*|*");
  });
});

describe("validateGreetingTemplate", () => {
  it("GIVEN a good template WHEN validated THEN it lists the variables used", () => {
    expect(validateGreetingTemplate('Hi {{ customer.first_name | default: "there" }} from {{ shop.name }}')).toEqual({
      ok: true,
      variables: ["customer.first_name", "shop.name"],
      warnings: [],
    });
  });

  it("GIVEN a syntax error on line 3 WHEN validated THEN the line and column are given", () => {
    expect(validateGreetingTemplate("Hello\nthere\n{% if customer %}hi")).toEqual({
      ok: false,
      errors: [{ line: 3, column: 1, message: expect.stringMatching(/not closed/) }],
      warnings: [],
    });
  });

  it("GIVEN unknown variables WHEN validated THEN each is flagged where it is", () => {
    const result = validateGreetingTemplate("Hi {{ customer.email }}\n{{ order.total }}");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ line, column, message }) => [line, column, message.split(".")[0]])).toEqual([
      [1, 7, "Unknown variable ‘customer"],
      [2, 4, "Unknown variable ‘order"],
    ]);
    expect(result.errors[0].message).toContain("‘customer.email’");
  });

  it.each([
    ["an include", "{% include 'x' %}", "The ‘include’ tag is not allowed in greetings"],
    ["the raw filter", "{{ shop.name | raw }}", "Unknown filter ‘raw’"],
    ["seconds of loops", SLOW_TEMPLATE, "takes too long to render"],
    ["a huge range", "{% for i in (1..20000) %}x{% endfor %}", "builds too much text or too large a range"],
    ["nothing", "", "The greeting is empty"],
    ["2,001 characters", "x".repeat(2001), "at most 2000 characters"],
  ])("GIVEN %s WHEN validated THEN it is refused with a clear message", (_, source, message) => {
    const result = validateGreetingTemplate(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toContain(message);
  });

  it("GIVEN HTML and a bare first name WHEN validated THEN it passes with warnings", () => {
    const result = validateGreetingTemplate("<b>Hi</b>\n{{ customer.first_name }}");
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        { line: 1, column: 1, message: "Greetings are shown as plain text: HTML tags will appear as typed" },
        { line: 2, column: 1, message: expect.stringContaining("Guests have no first name") },
      ],
    });
  });
});
