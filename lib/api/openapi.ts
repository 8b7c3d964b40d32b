import { z } from "zod";
import { problemSchema } from "./problem";
import {
  approvalDecisionInput,
  approvalItem,
  approvalList,
  handoffDetail,
  handoffListQuery,
  handoffPage,
  noteCreated,
  noteInput,
  ownerInput,
  statusCommand,
  webhookEndpointChange,
  webhookEndpointCreate,
  webhookEndpointItem,
  webhookEndpointList,
  webhookEndpointWithSecret,
} from "./schemas";
import type { ApiScope } from "./scopes";

// The OpenAPI 3.1 document of the REST API v1, generated from the zod schemas the routes parse
// with (lib/api/schemas.ts): JSON Schema 2020-12 is OpenAPI 3.1's own dialect, so zod 4's output
// is used as it is. Requests are described as they are sent (io: input: defaults are optional),
// answers as they come back (io: output).

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const requestSchemas = [statusCommand, noteInput, ownerInput, approvalDecisionInput, webhookEndpointCreate, webhookEndpointChange];
const responseSchemas = [
  problemSchema,
  handoffPage,
  handoffDetail,
  noteCreated,
  approvalItem,
  approvalList,
  webhookEndpointItem,
  webhookEndpointList,
  webhookEndpointWithSecret,
];

function componentSchemas(): Record<string, unknown> {
  const idOf = (schema: z.ZodType) => z.globalRegistry.get(schema)?.id as string;
  const registryFor = (schemas: z.ZodType[]) => {
    const registry = z.registry<{ id: string; description?: string }>();
    // Nested schemas with an id (a list's item) are components too: walk the global registry for them.
    for (const schema of schemas) registry.add(schema, { ...z.globalRegistry.get(schema), id: idOf(schema) });
    return registry;
  };
  const convert = (schemas: z.ZodType[], io: "input" | "output") => {
    const registry = registryFor(schemas);
    const { schemas: out } = z.toJSONSchema(registry, { target: "draft-2020-12", io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
    return Object.fromEntries(Object.entries(out).map(([id, s]) => [id, stripSchemaKey(s as Record<string, unknown>)]));
  };
  // Nested components referenced from the answers (HandoffListItem, TimelineEntry) come along.
  const nested = [handoffPage.shape.items.element, handoffDetail.shape.timeline.element];
  return { ...convert([...responseSchemas, ...nested], "output"), ...convert(requestSchemas, "input") };
}

// Each component sits inside the document: no dialect or identity of its own (OpenAPI 3.1 sets the dialect).
function stripSchemaKey(schema: Record<string, unknown>) {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = stripSchemaKey(
      z.toJSONSchema(field as z.ZodType, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>,
    );
    const { description, ...rest } = json;
    return { name, in: "query", required: false, ...(description ? { description } : {}), schema: rest };
  });
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const jsonBody = (id: string, description: string) => ({ description, content: { "application/json": { schema: ref(id) } } });
const common = {
  "400": problem("A parameter or the body was refused; `errors` names each field."),
  "401": problem("No API key, or not a valid one."),
  "403": problem("The key lacks the scope, or its user may not do this."),
  "429": {
    ...problem("Over the key's rate limit."),
    headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until the next window." } },
  },
};
const idParameter = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  description: `The ${what}'s id.`,
  schema: { type: "string", format: "uuid" },
});
const ifMatch = {
  name: "If-Match",
  in: "header",
  required: true,
  description: 'The ETag of the version the change is based on, e.g. "3".',
  schema: { type: "string" },
};
const etag = { ETag: { schema: { type: "string" }, description: "The package's version, for If-Match." } };
const secured = (scope: ApiScope) => [{ apiKey: [scope] }];

export function openApiDocument(options: { serverUrl?: string } = {}) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Baton REST API",
      version: "1.0.0",
      description:
        "Read and act on handoff packages and approvals, and manage the webhook endpoints Baton signs its events to. Authenticate with an API key (Authorization: Bearer baton_…) that has the operation's scope; the key acts as its user, whose role and team decide what it may touch. Errors are RFC 9457 problem details.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A Baton API key; scopes are chosen on /admin/api-keys." } },
      schemas: componentSchemas(),
    },
    paths: {
      "/api/v1/handoffs": {
        get: {
          operationId: "listHandoffs",
          summary: "List packages with the inbox's filters, a page at a time",
          security: secured("handoffs:read"),
          parameters: queryParameters(handoffListQuery),
          responses: { "200": jsonBody("HandoffPage", "One page; pass nextCursor as cursor for the next."), ...common },
        },
      },
      "/api/v1/handoffs/{id}": {
        get: {
          operationId: "getHandoff",
          summary: "Read one package with its timeline",
          security: secured("handoffs:read"),
          parameters: [idParameter("package")],
          responses: { "200": { ...jsonBody("Handoff", "The package."), headers: etag }, "404": problem("No such package visible to the key."), ...common },
        },
      },
      "/api/v1/handoffs/{id}/status": {
        post: {
          operationId: "changeHandoffStatus",
          summary: "Change the status through the state machine (accept, start follow-up, discard, convert)",
          security: secured("handoffs:write"),
          parameters: [idParameter("package"), ifMatch],
          requestBody: { required: true, content: { "application/json": { schema: ref("StatusCommand") } } },
          responses: {
            "200": { ...jsonBody("Handoff", "The package as it is now."), headers: etag },
            "404": problem("No such package visible to the key."),
            "409": problem("The status does not allow that command."),
            "412": problem("If-Match names an older version: nothing was changed."),
            "428": problem("If-Match is missing."),
            ...common,
          },
        },
      },
      "/api/v1/handoffs/{id}/notes": {
        post: {
          operationId: "addHandoffNote",
          summary: "Add a note to the timeline",
          security: secured("handoffs:write"),
          parameters: [idParameter("package")],
          requestBody: { required: true, content: { "application/json": { schema: ref("NoteInput") } } },
          responses: { "201": jsonBody("NoteCreated", "The note was added."), "404": problem("No such package visible to the key."), ...common },
        },
      },
      "/api/v1/handoffs/{id}/owner": {
        put: {
          operationId: "reassignHandoff",
          summary: "Reassign the package (a manager's or admin's key)",
          security: secured("handoffs:write"),
          parameters: [idParameter("package"), ifMatch],
          requestBody: { required: true, content: { "application/json": { schema: ref("OwnerInput") } } },
          responses: {
            "200": { ...jsonBody("Handoff", "The package as it is now."), headers: etag },
            "404": problem("No such package visible to the key."),
            "409": problem("The package is closed."),
            "412": problem("If-Match names an older version: nothing was changed."),
            "428": problem("If-Match is missing."),
            ...common,
          },
        },
      },
      "/api/v1/approvals": {
        get: {
          operationId: "listPendingApprovals",
          summary: "List the approval requests waiting for a decision",
          security: secured("approvals:write"),
          responses: { "200": jsonBody("ApprovalList", "Pending requests, oldest first."), ...common, "400": problem("It takes no query parameters.") },
        },
      },
      "/api/v1/approvals/{id}/decision": {
        post: {
          operationId: "decideApproval",
          summary: "Approve or deny a pending request",
          security: secured("approvals:write"),
          parameters: [idParameter("approval request")],
          requestBody: { required: true, content: { "application/json": { schema: ref("ApprovalDecision") } } },
          responses: {
            "200": jsonBody("Approval", "The request as decided."),
            "404": problem("No such request."),
            "409": problem("Already decided, expired or changed."),
            ...common,
          },
        },
      },
      "/api/v1/webhooks": {
        get: {
          operationId: "listWebhookEndpoints",
          summary: "List the webhook endpoints (an admin's key)",
          security: secured("webhooks:manage"),
          responses: { "200": jsonBody("WebhookEndpointList", "Every endpoint, oldest first; secrets are never listed."), ...common },
        },
        post: {
          operationId: "createWebhookEndpoint",
          summary: "Add a webhook endpoint; its signing secret is in the answer, this once (an admin's key)",
          security: secured("webhooks:manage"),
          requestBody: { required: true, content: { "application/json": { schema: ref("WebhookEndpointInput") } } },
          responses: {
            "201": jsonBody("WebhookEndpointWithSecret", "The endpoint and its secret (whsec_…)."),
            "400": problem("A field was refused, or the URL points at a private, loopback, link-local or metadata address; `errors` names it."),
            "401": common["401"],
            "403": common["403"],
            "429": common["429"],
          },
        },
      },
      "/api/v1/webhooks/{id}": {
        patch: {
          operationId: "updateWebhookEndpoint",
          summary: "Change an endpoint's name, URL or events, or switch it off or on (an admin's key)",
          security: secured("webhooks:manage"),
          parameters: [idParameter("webhook endpoint")],
          requestBody: { required: true, content: { "application/json": { schema: ref("WebhookEndpointChange") } } },
          responses: { "200": jsonBody("WebhookEndpoint", "The endpoint as it is now."), "404": problem("No such endpoint."), ...common },
        },
        delete: {
          operationId: "deleteWebhookEndpoint",
          summary: "Delete an endpoint and its delivery log (an admin's key)",
          security: secured("webhooks:manage"),
          parameters: [idParameter("webhook endpoint")],
          responses: { "204": { description: "Deleted." }, "404": problem("No such endpoint."), ...common },
        },
      },
      "/api/v1/webhooks/{id}/rotate": {
        post: {
          operationId: "rotateWebhookSecret",
          summary: "Give an endpoint a new secret; the old one keeps signing beside it for 24 hours (an admin's key)",
          security: secured("webhooks:manage"),
          parameters: [idParameter("webhook endpoint")],
          responses: {
            "200": jsonBody("WebhookEndpointWithSecret", "The endpoint and its new secret, shown this once."),
            "404": problem("No such endpoint."),
            ...common,
          },
        },
      },
    },
  };
}
