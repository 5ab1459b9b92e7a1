import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { login } from "../../shopify.server";
import styles from "./styles.module.css";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  // Shopify opens the app's URL with ?shop=…: send it on to the embedded app.
  if (url.searchParams.get("shop")) {
    throw redirect(`/app?${url.searchParams.toString()}`);
  }
  return { showForm: Boolean(login) };
};

export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();
  return (
    <main className={styles.index}>
      <div className={styles.content}>
        <h1 className={styles.heading}>A storefront assistant that answers from your shop&apos;s own data</h1>
        <p className={styles.text}>
          Order status, returns, shipping and product questions answered in a chat bubble, with product recommendations
          that fit each shopper and a person taking over when the bot should not answer.
        </p>
        {showForm && (
          <Form className={styles.form} method="post" action="/auth/login">
            <label className={styles.label}>
              <span>Shop domain</span>
              <input className={styles.input} type="text" name="shop" />
              <span>e.g: my-shop-domain.myshopify.com</span>
            </label>
            <button className={styles.button} type="submit">
              Log in
            </button>
          </Form>
        )}
        <ul className={styles.list}>
          <li>
            <strong>Correct before fluent</strong>. Prices, stock, orders and policies come from your shop, never
            invented; what it cannot answer it hands to you.
          </li>
          <li>
            <strong>Light on your storefront</strong>. The bubble loads a couple of kilobytes until a shopper opens it.
          </li>
          <li>
            <strong>Private by default</strong>. Behaviour is tracked only with consent; personal data is encrypted.
          </li>
        </ul>
      </div>
    </main>
  );
}
