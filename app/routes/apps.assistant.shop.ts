import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { jsonResponse, withErrors } from "../http/errors.server";
import { authenticateProxy } from "../proxy/authenticate.server";
import { storefrontShopInfo } from "../shops/storefront.server";

// GET /apps/assistant/shop: what the widget needs to talk to this shop's shoppers.
export const loader = ({ request }: LoaderFunctionArgs) =>
  withErrors(async () => {
    const { shop, customerId } = await authenticateProxy(request);
    return jsonResponse(await storefrontShopInfo(db, shop, customerId));
  });
