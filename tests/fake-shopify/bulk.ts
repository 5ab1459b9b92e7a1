import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  validate,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { connection, executeAdmin, type AdminContext } from "./graphql";
import { adminSchema } from "./schema";
import { gid, type FakeShop } from "./store";

/**
 * Bulk operations as Shopify runs them: `bulkOperationRunQuery` takes a query, the
 * fake executes it over the store at once (the export describes that moment), and the
 * result becomes JSONL where nested connections are flattened into their own lines
 * with `__parentId`. The file is served at https://<shop>/__fake/bulk/<n>.jsonl, on the
 * shop's own host, so the tests' MSW handler and the demo's SHOPIFY_API_ORIGIN rewrite
 * both reach it.
 */

const PASS = 500;

export type BulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";
export type BulkErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

export interface FakeBulkOperation {
  id: string;
  number: number;
  shop: string;
  query: string;
  groupObjects: boolean;
  status: BulkStatus;
  errorCode: BulkErrorCode | null;
  createdAt: string;
  completedAt: string | null;
  lines: string[];
  rootObjectCount: number;
  /** Status queries seen so far, for completion after N checks. */
  statusChecks: number;
  /** The error this operation ends with, decided when it was created. */
  failWith: BulkErrorCode | null;
}

export interface BulkSettings {
  /** An operation completes on this status query (1: the first poll sees it done). */
  completeAfterStatusChecks: number;
  /** Or after this long, whichever comes first (null: only by status checks or finish()). */
  completeAfterMs: number | null;
}

export class FakeBulkOperations {
  readonly operations = new Map<string, FakeBulkOperation>();
  readonly settings: BulkSettings = { completeAfterStatusChecks: 1, completeAfterMs: null };
  /** Called when an operation reaches COMPLETED or FAILED (deliver `bulk_operations/finish` here). */
  onFinish: ((shop: FakeShop, operation: FakeBulkOperation) => void | Promise<void>) | null = null;
  private nextNumber = 1;
  private failures: BulkErrorCode[] = [];
  private truncations: { remaining: number; keep: number } = { remaining: 0, keep: 0.5 };
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly shops: (domain: string) => FakeShop | undefined) {}

  /** The next operation created ends FAILED with this code. */
  failNext(code: BulkErrorCode = "INTERNAL_SERVER_ERROR", times = 1) {
    for (let i = 0; i < times; i++) this.failures.push(code);
  }

  /** The next `times` downloads stop after `keep` of the file, in the middle of a line. */
  truncateNextDownloads(times = 1, keep = 0.5) {
    this.truncations = { remaining: times, keep };
  }

  reset() {
    this.failures = [];
    this.truncations = { remaining: 0, keep: 0.5 };
    this.settings.completeAfterStatusChecks = 1;
    this.settings.completeAfterMs = null;
    this.onFinish = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  latest(shop: string): FakeBulkOperation | undefined {
    return [...this.operations.values()].filter((op) => op.shop === shop).at(-1);
  }

  async run(shop: FakeShop, query: string, groupObjects: boolean, version: string) {
    const busy = [...this.operations.values()].find(
      (op) => op.shop === shop.domain && (op.status === "CREATED" || op.status === "RUNNING"),
    );
    if (busy) {
      return userError(
        `A bulk query operation for this app and shop is already in progress: ${busy.id}.`,
        "OPERATION_IN_PROGRESS",
      );
    }
    const schema = adminSchema(version);
    let problem: string | null;
    try {
      problem = bulkQueryProblem(schema, query);
    } catch (error) {
      problem = String(error);
    }
    if (problem) return userError(problem, "INVALID");

    // The query runs in passes of PASS top-level nodes, so a large shop's export is
    // never one huge result in memory; the lines of all passes make the file.
    const grouped: string[] = [];
    const children: string[][] = [];
    let roots = 0;
    for (let offset = 0; ; offset += PASS) {
      const result = await executeAdmin(
        version,
        { query },
        { shop, extras: {}, bulk: true, bulkRange: { offset, limit: PASS } },
      );
      if (result.errors?.length) return userError(result.errors.map((e) => e.message).join("; "), "INVALID");
      const pass = flattenBulkResult(schema, query, result.data ?? {}, true);
      roots += pass.roots;
      if (groupObjects) grouped.push(...pass.lines);
      else pass.levels.forEach((level, depth) => (children[depth] ??= []).push(...level));
      if (pass.roots < PASS) break;
    }
    const lines = groupObjects ? grouped : children.flat();

    const number = this.nextNumber++;
    const operation: FakeBulkOperation = {
      id: gid("BulkOperation", number),
      number,
      shop: shop.domain,
      query,
      groupObjects,
      status: "RUNNING",
      errorCode: null,
      createdAt: new Date().toISOString(),
      completedAt: null,
      lines,
      rootObjectCount: roots,
      statusChecks: 0,
      failWith: this.failures.shift() ?? null,
    };
    this.operations.set(operation.id, operation);
    if (this.settings.completeAfterMs !== null) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.finish(operation.id);
      }, this.settings.completeAfterMs);
      timer.unref();
      this.timers.add(timer);
    }
    return { bulkOperation: this.view(operation), userErrors: [] };
  }

  /** Ends an operation now: COMPLETED, or FAILED when a failure was injected. */
  async finish(id: string) {
    const operation = this.operations.get(id);
    if (!operation || (operation.status !== "RUNNING" && operation.status !== "CREATED")) return;
    operation.completedAt = new Date().toISOString();
    if (operation.failWith) {
      operation.status = "FAILED";
      operation.errorCode = operation.failWith;
    } else {
      operation.status = "COMPLETED";
    }
    const shop = this.shops(operation.shop);
    if (shop && this.onFinish) await this.onFinish(shop, operation);
  }

  async status(shop: FakeShop, id: string) {
    const operation = this.operations.get(id);
    if (!operation || operation.shop !== shop.domain) return null;
    if (operation.status === "RUNNING") {
      operation.statusChecks += 1;
      if (operation.statusChecks >= this.settings.completeAfterStatusChecks) await this.finish(id);
    }
    return this.view(operation);
  }

  cancel(shop: FakeShop, id: string) {
    const operation = this.operations.get(id);
    if (!operation || operation.shop !== shop.domain) {
      return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
    }
    if (operation.status === "RUNNING" || operation.status === "CREATED") {
      operation.status = "CANCELED";
      operation.completedAt = new Date().toISOString();
    }
    return { bulkOperation: this.view(operation), userErrors: [] };
  }

  list(shop: FakeShop, query: string | null | undefined) {
    const status = /status:(\w+)/i.exec(query ?? "")?.[1]?.toUpperCase();
    return [...this.operations.values()]
      .filter((op) => op.shop === shop.domain && (!status || op.status === status))
      .map((op) => this.view(op));
  }

  view(operation: FakeBulkOperation) {
    const completed = operation.status === "COMPLETED";
    const objectCount = completed ? operation.lines.length : Math.floor(operation.lines.length / 2);
    const fileSize = operation.lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    return {
      id: operation.id,
      status: operation.status,
      errorCode: operation.errorCode,
      createdAt: operation.createdAt,
      completedAt: operation.completedAt,
      objectCount: String(operation.status === "FAILED" ? 0 : objectCount),
      rootObjectCount: String(completed ? operation.rootObjectCount : 0),
      fileSize: completed && operation.lines.length > 0 ? String(fileSize) : null,
      // Shopify gives no file for an export with nothing in it.
      url:
        completed && operation.lines.length > 0
          ? `https://${operation.shop}/__fake/bulk/${operation.number}.jsonl`
          : null,
      partialDataUrl: null,
      query: operation.query,
      type: "QUERY",
    };
  }

  /** GET /__fake/bulk/<n>.jsonl, streamed a chunk of lines at a time. */
  download(shop: FakeShop, number: number): Response {
    const operation = [...this.operations.values()].find((op) => op.number === number && op.shop === shop.domain);
    if (!operation || operation.status !== "COMPLETED") return new Response("Not Found", { status: 404 });
    const total = operation.lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    let budget = Number.POSITIVE_INFINITY;
    if (this.truncations.remaining > 0) {
      this.truncations.remaining -= 1;
      budget = Math.floor(total * this.truncations.keep);
    }
    const encoder = new TextEncoder();
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (index >= operation.lines.length || budget <= 0) return controller.close();
        let chunk = "";
        for (let n = 0; n < 500 && index < operation.lines.length; n++) chunk += operation.lines[index++] + "\n";
        let bytes = encoder.encode(chunk);
        if (bytes.length > budget) bytes = bytes.slice(0, budget);
        budget -= bytes.length;
        controller.enqueue(bytes);
      },
    });
    return new Response(body, { status: 200, headers: { "Content-Type": "application/jsonl" } });
  }
}

function userError(message: string, code: string) {
  return { bulkOperation: null, userErrors: [{ field: ["query"], message, code }] };
}

function rootOperation(query: string): OperationDefinitionNode {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error("Bulk query has no operation");
  return operation;
}

interface FieldInfo {
  key: string;
  name: string;
  isConnection: boolean;
  selectionSet: SelectionSetNode | undefined;
  /** For a connection: the node type and the node's selection set. */
  nodeType?: GraphQLCompositeType;
  nodeSelection?: SelectionSetNode;
}

/** The fields a selection set asks for on a type, with inline fragments merged. */
function fieldsOf(schema: GraphQLSchema, type: GraphQLCompositeType, selectionSet: SelectionSetNode): FieldInfo[] {
  const fields: FieldInfo[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
        : type;
      fields.push(...fieldsOf(schema, condition, selection.selectionSet));
      continue;
    }
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    const key = selection.alias?.value ?? name;
    if (name === "__typename" || !(isObjectType(type) || isInterfaceType(type))) {
      fields.push({ key, name, isConnection: false, selectionSet: undefined });
      continue;
    }
    const definition = type.getFields()[name];
    const named = definition ? getNamedType(definition.type) : undefined;
    if (named && isObjectType(named) && named.name.endsWith("Connection") && selection.selectionSet) {
      const nodeType = getNamedType(named.getFields().nodes?.type ?? named.getFields().edges.type);
      let nodeSelection: SelectionSetNode | undefined;
      for (const inner of selection.selectionSet.selections) {
        if (inner.kind !== Kind.FIELD) continue;
        if (inner.name.value === "nodes") nodeSelection = inner.selectionSet;
        if (inner.name.value === "edges") {
          const node = inner.selectionSet?.selections.find((s) => s.kind === Kind.FIELD && s.name.value === "node");
          if (node?.kind === Kind.FIELD) nodeSelection = node.selectionSet;
        }
      }
      const nodeObjectType =
        isObjectType(nodeType) && nodeType.name.endsWith("Edge")
          ? getNamedType(nodeType.getFields().node.type)
          : nodeType;
      fields.push({
        key,
        name,
        isConnection: true,
        selectionSet: selection.selectionSet,
        nodeType: nodeObjectType as GraphQLCompositeType,
        nodeSelection,
      });
    } else {
      fields.push({ key, name, isConnection: false, selectionSet: selection.selectionSet });
    }
  }
  return fields;
}

/** Why Shopify would refuse this bulk query, or null. */
export function bulkQueryProblem(schema: GraphQLSchema, query: string): string | null {
  const errors = validate(schema, parse(query));
  if (errors.length) return errors.map((e) => e.message).join("; ");
  const operation = rootOperation(query);
  if (operation.operation !== "query") return "Bulk queries must be queries, not mutations";
  let connections = 0;
  let deepest = 0;
  const walk = (type: GraphQLCompositeType, selectionSet: SelectionSetNode, depth: number) => {
    for (const field of fieldsOf(schema, type, selectionSet)) {
      if (field.isConnection) {
        connections += 1;
        deepest = Math.max(deepest, depth + 1);
        if (field.nodeType && field.nodeSelection) walk(field.nodeType, field.nodeSelection, depth + 1);
      } else if (field.selectionSet) {
        const fieldType = isObjectType(type) || isInterfaceType(type) ? type.getFields()[field.name] : undefined;
        const named = fieldType ? getNamedType(fieldType.type) : undefined;
        if (named && (isObjectType(named) || isInterfaceType(named))) walk(named, field.selectionSet, depth);
      }
    }
  };
  walk(schema.getQueryType()!, operation.selectionSet, 0);
  if (connections === 0) return "Bulk queries must contain at least one connection.";
  if (connections > 5) return "Bulk queries cannot contain more than 5 connections.";
  if (deepest > 2) return "Bulk queries cannot contain connections with a nesting depth greater than 2.";
  return null;
}

/**
 * Turns an executed bulk query into JSONL lines. Grouped: each child right after its
 * parent. Not grouped (Shopify's default since 2026-01): all top-level objects first,
 * then the children, so a reader cannot rely on a parent being next to its children.
 */
export function flattenBulkResult(
  schema: GraphQLSchema,
  query: string,
  data: Record<string, unknown>,
  groupObjects: boolean,
): { lines: string[]; levels: string[][]; roots: number } {
  const operation = rootOperation(query);
  const grouped: string[] = [];
  const levels: string[][] = [];
  let roots = 0;

  const emit = (
    node: Record<string, unknown>,
    type: GraphQLCompositeType,
    selection: SelectionSetNode,
    parentId: string | null,
    depth: number,
  ) => {
    const fields = fieldsOf(schema, type, selection);
    const own: Record<string, unknown> = {};
    for (const field of fields) if (!field.isConnection && field.key in node) own[field.key] = node[field.key];
    if (parentId) own.__parentId = parentId;
    const line = JSON.stringify(own);
    grouped.push(line);
    (levels[depth] ??= []).push(line);
    for (const field of fields) {
      if (!field.isConnection || !field.nodeType || !field.nodeSelection) continue;
      for (const child of nodesOf(node[field.key])) {
        emit(child, field.nodeType, field.nodeSelection, String(node.id), depth + 1);
      }
    }
  };

  for (const field of fieldsOf(schema, schema.getQueryType()!, operation.selectionSet)) {
    if (!field.isConnection || !field.nodeType || !field.nodeSelection) continue;
    for (const node of nodesOf(data[field.key])) {
      roots += 1;
      emit(node, field.nodeType, field.nodeSelection, null, 0);
    }
  }
  return { lines: groupObjects ? grouped : levels.flat(), levels, roots };
}

function nodesOf(value: unknown): Record<string, unknown>[] {
  if (!value || typeof value !== "object") return [];
  const connectionValue = value as { nodes?: Record<string, unknown>[]; edges?: { node: Record<string, unknown> }[] };
  if (connectionValue.nodes) return connectionValue.nodes;
  return (connectionValue.edges ?? []).map((edge) => edge.node);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolvers receive whatever the schema says
type Resolver = (parent: any, args: any, context: AdminContext) => unknown;

export function bulkOperationsOf(context: AdminContext): FakeBulkOperations {
  const bulk = context.extras.bulk as FakeBulkOperations | undefined;
  if (!bulk) throw new Error("this fake Shopify has no bulk operations");
  return bulk;
}

export const bulkResolvers: Record<string, Resolver> = {
  "Mutation.bulkOperationRunQuery": (_p, { query, groupObjects }, context) =>
    bulkOperationsOf(context).run(context.shop, query, groupObjects, context.apiVersion ?? "2026-07"),
  "Mutation.bulkOperationCancel": (_p, { id }, context) => bulkOperationsOf(context).cancel(context.shop, id),
  "Query.bulkOperation": (_p, { id }, context) => bulkOperationsOf(context).status(context.shop, id),
  "Query.bulkOperations": (_p, args, context) => {
    const found = bulkOperationsOf(context).list(context.shop, args.query);
    return connection(args.reverse ? found.reverse() : found, args);
  },
  "Query.currentBulkOperation": (_p, _args, context) => {
    const latest = bulkOperationsOf(context).latest(context.shop.domain);
    return latest ? bulkOperationsOf(context).view(latest) : null;
  },
};
