import { Kind, parse, type ValueNode } from "graphql";

/**
 * What can go wrong between the app and Shopify, on demand: GraphQL answers THROTTLED,
 * 429s, 5xx answers and dropped connections. Each switch applies to the next N requests
 * of the kind it names, then the fake behaves again. `injected` counts what was served.
 */
export class FakeFaults {
  private throttled = 0;
  private rateLimited = 0;
  private serverErrors: { remaining: number; status: number; kinds: RequestKind[] } = {
    remaining: 0,
    status: 502,
    kinds: [],
  };
  private networkErrors: { remaining: number; kinds: RequestKind[] } = { remaining: 0, kinds: [] };
  readonly injected = { throttled: 0, rateLimited: 0, serverErrors: 0, networkErrors: 0 };

  /** The next `times` GraphQL requests are refused as THROTTLED, the bucket shown empty. */
  throttleNext(times = 1) {
    this.throttled = times;
  }

  /** The next `times` GraphQL requests get HTTP 429 with a Retry-After header. */
  rateLimitNext(times = 1) {
    this.rateLimited = times;
  }

  /** The next `times` requests (GraphQL and/or bulk downloads) get a 5xx answer. */
  serverErrorNext(times = 1, status = 502, kinds: RequestKind[] = ["graphql", "download"]) {
    this.serverErrors = { remaining: times, status, kinds };
  }

  /** The next `times` requests fail as if the connection dropped. */
  networkErrorNext(times = 1, kinds: RequestKind[] = ["graphql", "download"]) {
    this.networkErrors = { remaining: times, kinds };
  }

  reset() {
    this.throttled = 0;
    this.rateLimited = 0;
    this.serverErrors.remaining = 0;
    this.networkErrors.remaining = 0;
    for (const key of Object.keys(this.injected) as (keyof typeof this.injected)[]) this.injected[key] = 0;
  }

  /** The answer to give instead of the real one, if a fault is due. */
  intercept(kind: RequestKind, budget: CostBudget, shop: string): Response | undefined {
    if (this.networkErrors.remaining > 0 && this.networkErrors.kinds.includes(kind)) {
      this.networkErrors.remaining -= 1;
      this.injected.networkErrors += 1;
      return Response.error();
    }
    if (this.serverErrors.remaining > 0 && this.serverErrors.kinds.includes(kind)) {
      this.serverErrors.remaining -= 1;
      this.injected.serverErrors += 1;
      return new Response(JSON.stringify({ errors: "Internal Server Error" }), {
        status: this.serverErrors.status,
        headers: { "Content-Type": "application/json" },
      });
    }
    if (kind !== "graphql") return undefined;
    if (this.rateLimited > 0) {
      this.rateLimited -= 1;
      this.injected.rateLimited += 1;
      return new Response(
        JSON.stringify({ errors: "Exceeded 2 calls per second for api client. Reduce request rates." }),
        {
          status: 429,
          headers: { "Content-Type": "application/json", "Retry-After": "0.05" },
        },
      );
    }
    if (this.throttled > 0) {
      this.throttled -= 1;
      this.injected.throttled += 1;
      return throttledResponse(budget.drain(shop));
    }
    return undefined;
  }
}

export type RequestKind = "graphql" | "download";

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * Shopify's leaky bucket for GraphQL query cost, per shop: a request that asks for
 * more than is left is THROTTLED; points come back at `restoreRate` per second.
 */
export class CostBudget {
  maximumAvailable = 2000;
  restoreRate = 100;
  /** Requests refused because the bucket ran dry (not counting injected throttles). */
  refusals = 0;
  private buckets = new Map<string, { available: number; at: number }>();

  private bucket(shop: string) {
    const now = Date.now();
    const bucket = this.buckets.get(shop) ?? { available: this.maximumAvailable, at: now };
    bucket.available = Math.min(
      this.maximumAvailable,
      bucket.available + ((now - bucket.at) / 1000) * this.restoreRate,
    );
    bucket.at = now;
    this.buckets.set(shop, bucket);
    return bucket;
  }

  status(shop: string): ThrottleStatus {
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.bucket(shop).available),
      restoreRate: this.restoreRate,
    };
  }

  /** Takes `cost` points, or returns null when the bucket holds fewer. */
  charge(shop: string, cost: number): ThrottleStatus | null {
    const bucket = this.bucket(shop);
    if (bucket.available < cost) {
      this.refusals += 1;
      return null;
    }
    bucket.available -= cost;
    return this.status(shop);
  }

  /** Empties the bucket (an injected throttle) and returns its status. */
  drain(shop: string): ThrottleStatus {
    this.bucket(shop).available = 0;
    return this.status(shop);
  }

  reset() {
    this.buckets.clear();
    this.refusals = 0;
    this.maximumAvailable = 2000;
    this.restoreRate = 100;
  }
}

/**
 * A rough requested cost: one point per object field, connections multiplied by the
 * page size they ask for, mutations 10. Shopify's real calculation differs in detail;
 * what matters here is that bigger pages cost more and the numbers are reported.
 */
export function estimateCost(query: string, variables: Record<string, unknown> = {}): number {
  try {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 1;
    if (operation.operation === "mutation") return 10;
    const valueOf = (node: ValueNode | undefined): number | null => {
      if (!node) return null;
      if (node.kind === Kind.INT) return Number(node.value);
      if (node.kind === Kind.VARIABLE) {
        const value = variables[node.name.value];
        return typeof value === "number" ? value : null;
      }
      return null;
    };
    const walk = (selections: readonly import("graphql").SelectionNode[]): number => {
      let total = 0;
      for (const selection of selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) total += walk(selection.selectionSet.selections);
        if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
        const pageSize =
          valueOf(selection.arguments?.find((a) => a.name.value === "first")?.value) ??
          valueOf(selection.arguments?.find((a) => a.name.value === "last")?.value);
        const inner = 1 + walk(selection.selectionSet.selections);
        total += pageSize ? 2 + pageSize * Math.max(1, inner - 1) : inner;
      }
      return total;
    };
    return Math.max(1, walk(operation.selectionSet.selections));
  } catch {
    return 1;
  }
}

export function throttledResponse(status: ThrottleStatus, requestedQueryCost = 50): Response {
  return new Response(
    JSON.stringify({
      errors: [
        {
          message: "Throttled",
          extensions: {
            code: "THROTTLED",
            documentation: "https://shopify.dev/api/usage/rate-limits",
          },
        },
      ],
      extensions: { cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: status } },
    }),
    { status: 200, headers: { "Content-Type": "application/json" } },
  );
}
