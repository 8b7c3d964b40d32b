import type { ApiScope } from "@/lib/api/scopes";
import type { UserRole } from "@/db/schema/auth";

/**
 * Who may call what. Every server action, route handler and page in app/ must have an entry here:
 * coverage.int.test.ts enumerates them from the code and fails on one that is missing (or on an
 * entry whose code is gone), so a new endpoint cannot ship without someone deciding its access.
 *
 * Keys are the file path from the repository root, then `#` and the export (actions, routes) or
 * the URL pattern (pages). Adding an endpoint: add its line, with the roles it should allow.
 */

const everyone = ["rep", "manager", "admin"] as const satisfies readonly UserRole[];
const managers = ["manager", "admin"] as const satisfies readonly UserRole[];
const admins = ["admin"] as const satisfies readonly UserRole[];

export type ActionExpectation =
  /** A defineAction result: anonymous → unauthorized, a role not listed → forbidden, a listed role → past the guard. */
  | { kind: "action"; allowed: readonly UserRole[] }
  /** Deliberately not behind a role (signing in, signing out); the reason is part of the entry. */
  | { kind: "public"; why: string };

export const actionExpectations: Record<string, ActionExpectation> = {
  "app/(auth)/login/actions.ts#login": { kind: "public", why: "where a visitor proves who they are; rate-limited per account and address" },
  "app/(auth)/login/account-actions.ts#requestPasswordResetAction": {
    kind: "public",
    why: "a visitor who forgot their password; the same answer for any address, limited per address and per client",
  },
  "app/(auth)/login/account-actions.ts#setPasswordFromLinkAction": {
    kind: "public",
    why: "the emailed single-use link's token is the authority (invitation or reset); bad tokens limited per client",
  },
  "app/(auth)/login/account-actions.ts#signInWithSsoAction": {
    kind: "public",
    why: "starts single sign-on at the identity provider, which proves who the visitor is",
  },
  "app/(console)/profile/actions.ts#saveProfileNameAction": { kind: "action", allowed: everyone },
  "app/(console)/profile/actions.ts#changePasswordAction": { kind: "action", allowed: everyone },
  "app/(console)/profile/actions.ts#signOutEverywhereAction": { kind: "action", allowed: everyone },
  "app/(console)/admin/connections/sso-actions.ts#saveSsoSettingsAction": { kind: "action", allowed: admins },
  "app/(console)/actions.ts#signOutAction": { kind: "public", why: "ends the caller's own session; without one it only redirects to /login" },
  "app/(console)/admin/api-keys/actions.ts#createApiKeyAction": { kind: "action", allowed: admins },
  "app/(console)/admin/api-keys/actions.ts#revokeApiKeyAction": { kind: "action", allowed: admins },
  "app/(console)/admin/webhooks/actions.ts#createWebhookEndpointAction": { kind: "action", allowed: admins },
  "app/(console)/admin/webhooks/actions.ts#updateWebhookEndpointAction": { kind: "action", allowed: admins },
  "app/(console)/admin/webhooks/actions.ts#rotateWebhookSecretAction": { kind: "action", allowed: admins },
  "app/(console)/admin/webhooks/actions.ts#deleteWebhookEndpointAction": { kind: "action", allowed: admins },
  "app/(console)/admin/webhooks/actions.ts#sendTestWebhookAction": { kind: "action", allowed: admins },
  "app/(console)/admin/webhooks/actions.ts#redeliverWebhookAction": { kind: "action", allowed: admins },
  "app/(console)/admin/approvals/actions.ts#saveFourEyesAction": { kind: "action", allowed: admins },
  "app/(console)/admin/connections/actions.ts#saveConnectionAction": { kind: "action", allowed: admins },
  "app/(console)/admin/connections/actions.ts#testConnectionAction": { kind: "action", allowed: admins },
  "app/(console)/admin/connections/actions.ts#resetConnectionAction": { kind: "action", allowed: admins },
  "app/(console)/admin/connections/actions.ts#saveWidgetOriginsAction": { kind: "action", allowed: admins },
  "app/(console)/admin/connections/actions.ts#resetWidgetOriginsAction": { kind: "action", allowed: admins },
  "app/(console)/admin/connections/crm-actions.ts#saveCrmChoiceAction": { kind: "action", allowed: admins },
  "app/(console)/admin/connections/crm-actions.ts#resetCrmChoiceAction": { kind: "action", allowed: admins },
  "app/(console)/admin/routing/actions.ts#createRoutingRuleAction": { kind: "action", allowed: admins },
  "app/(console)/admin/routing/actions.ts#deleteRoutingRuleAction": { kind: "action", allowed: admins },
  "app/(console)/admin/routing/actions.ts#moveRoutingRuleAction": { kind: "action", allowed: admins },
  "app/(console)/admin/routing/actions.ts#setRoutingRuleEnabledAction": { kind: "action", allowed: admins },
  "app/(console)/admin/routing/actions.ts#updateRoutingRuleAction": { kind: "action", allowed: admins },
  "app/(console)/admin/slas/actions.ts#saveSlaPolicyAction": { kind: "action", allowed: admins },
  "app/(console)/admin/slas/actions.ts#saveTeamCalendarAction": { kind: "action", allowed: admins },
  "app/(console)/admin/users/actions.ts#inviteUserAction": { kind: "action", allowed: admins },
  "app/(console)/admin/users/actions.ts#resendInvitationAction": { kind: "action", allowed: admins },
  "app/(console)/admin/users/actions.ts#setUserActiveAction": { kind: "action", allowed: admins },
  "app/(console)/admin/users/actions.ts#updateUserAction": { kind: "action", allowed: admins },
  "app/(console)/admin/jobs/actions.ts#retryDeadLetterAction": { kind: "action", allowed: admins },
  "app/(console)/admin/meetings/actions.ts#saveMeetingSettingsAction": { kind: "action", allowed: admins },
  "app/(console)/admin/meetings/actions.ts#saveTeamBookingLinkAction": { kind: "action", allowed: admins },
  "app/(console)/admin/meetings/actions.ts#attachMeetingAction": { kind: "action", allowed: admins },
  "app/(console)/admin/knowledge/actions.ts#saveArticleAction": { kind: "action", allowed: admins },
  "app/(console)/admin/knowledge/actions.ts#setArticleStatusAction": { kind: "action", allowed: admins },
  "app/(console)/admin/knowledge/actions.ts#importArticlesAction": { kind: "action", allowed: admins },
  "app/(console)/admin/knowledge/actions.ts#saveLimitsAction": { kind: "action", allowed: admins },
  "app/(console)/handoffs/knowledge-actions.ts#markKnowledgeAnswerWrong": { kind: "action", allowed: everyone },
  "app/(console)/admin/privacy/actions.ts#eraseLeadDataAction": { kind: "action", allowed: admins },
  "app/(console)/admin/privacy/actions.ts#exportLeadDataAction": { kind: "action", allowed: admins },
  "app/(console)/admin/privacy/actions.ts#saveRetentionAction": { kind: "action", allowed: admins },
  "app/(console)/admin/rules/actions.ts#publishRulesAction": { kind: "action", allowed: admins },
  "app/(console)/admin/rules/actions.ts#restoreRulesVersionAction": { kind: "action", allowed: admins },
  "app/(console)/admin/rules/actions.ts#saveRulesDraftAction": { kind: "action", allowed: admins },
  "app/(console)/admin/rules/actions.ts#simulateRulesAction": { kind: "action", allowed: admins },
  "app/(console)/approvals/actions.ts#decideApprovalAction": { kind: "action", allowed: everyone },
  "app/(console)/crm/actions.ts#syncToCrmNow": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#acceptHandoff": { kind: "action", allowed: everyone },
  // Past the role guard, the package decides: its owner, a manager of its team, an admin (lib/handoffs/access.ts canWriteToLead).
  "app/(console)/handoffs/chat-actions.ts#sendChatReply": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#startFollowUp": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#discardHandoff": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#convertHandoff": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#reassignHandoffAction": { kind: "action", allowed: managers },
  "app/(console)/handoffs/actions.ts#addNote": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#flagEscalation": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#requestInfo": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#snooze": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#unsnooze": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#undoHandoff": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#handBack": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/actions.ts#reviewFact": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/email-actions.ts#sendEmailReply": { kind: "action", allowed: everyone },
  "app/(console)/handoffs/presence-actions.ts#presenceHeartbeat": { kind: "action", allowed: everyone },
  "app/(console)/inbox/actions.ts#bulkReassignAction": { kind: "action", allowed: managers },
  "app/(console)/inbox/actions.ts#bulkDiscardAction": { kind: "action", allowed: managers },
  "app/(console)/notifications/actions.ts#saveNotificationPreferencesAction": { kind: "action", allowed: everyone },
  "app/(console)/notifications/actions.ts#markNotificationsReadAction": { kind: "action", allowed: everyone },
  "app/(console)/notifications/actions.ts#saveMyBookingLinkAction": { kind: "action", allowed: everyone },
};

export type RouteExpectation =
  /** Signed-in console users with one of these roles; checked over HTTP in e2e/access-matrix.spec.ts. */
  | { kind: "session"; allowed: readonly UserRole[]; path: string }
  /** An intake API key (Authorization: Bearer) or an HMAC signature: no key → 401. */
  | { kind: "api-key" }
  /** The REST API v1: an API key with this scope (others → 403, none → 401), answered as RFC 9457 problems. */
  | { kind: "api-scope"; scope: ApiScope }
  /** Auth.js's own endpoints (sign-in, session, CSRF): the sign-in callback is rate-limited. */
  | { kind: "authjs" }
  /**
   * Proves itself with a signature or a one-time token (a Slack signing secret, an approval link):
   * an anonymous request without one is refused with 401 or 403. `method` GET sends no body.
   */
  | { kind: "signed"; why: string }
  /** No credentials by design; the reason is part of the entry. */
  | { kind: "public"; why: string };

export const routeExpectations: Record<string, RouteExpectation> = {
  "app/(console)/metrics/export/route.ts#GET": { kind: "session", allowed: managers, path: "/metrics/export?table=funnel" },
  "app/(console)/admin/knowledge/export/route.ts#GET": { kind: "session", allowed: admins, path: "/admin/knowledge/export?format=jsonl" },
  "app/api/approvals/decide/route.ts#POST": {
    kind: "signed",
    why: "an emailed approval link's confirmation button: the single-use HMAC token is the authority",
  },
  "app/api/slack/interactions/route.ts#POST": {
    kind: "signed",
    why: "Slack's approve/deny buttons: X-Slack-Signature v0 with the signing secret, timestamps under 5 minutes",
  },
  "app/api/auth/[...nextauth]/route.ts#GET": { kind: "authjs" },
  "app/api/auth/[...nextauth]/route.ts#POST": { kind: "authjs" },
  "app/api/chat/route.ts#POST": { kind: "public", why: "the public chat widget; limited per session and address" },
  "app/api/chat/updates/route.ts#POST": { kind: "public", why: "the widget polls its own conversation by its session id" },
  "app/api/chat/receipt/route.ts#POST": { kind: "public", why: "the lead's receipt of what is passed on, by their session id" },
  "app/api/chat/correct/route.ts#POST": { kind: "public", why: "the lead corrects a line of their own receipt, by their session id; limited per session" },
  "app/api/chat/stream/route.ts#POST": { kind: "public", why: "the widget's live conversation (Server-Sent Events) by its session id; limited per session" },
  "app/api/handoffs/[id]/conversation/route.ts#GET": { kind: "session", allowed: everyone, path: "/api/handoffs/:handoff/conversation?snapshot=1" },
  "app/api/notifications/latest/route.ts#GET": { kind: "session", allowed: everyone, path: "/api/notifications/latest" },
  "app/api/health/route.ts#GET": { kind: "public", why: "load balancers; says only whether the instance can serve" },
  "app/api/v1/intake/route.ts#POST": { kind: "api-key" },
  "app/api/v1/bookings/calcom/route.ts#POST": {
    kind: "signed",
    why: "Cal.com's booking webhook: X-Cal-Signature-256, hex HMAC-SHA256 of the raw body with the webhook secret",
  },
  "app/api/v1/bookings/calendly/route.ts#POST": {
    kind: "signed",
    why: "Calendly's booking webhook: Calendly-Webhook-Signature t=…,v1=… over t.body with the signing key, within 3 minutes",
  },
  "app/api/v1/inbound-email/route.ts#POST": { kind: "api-key" },
  "app/api/v1/handoffs/route.ts#GET": { kind: "api-scope", scope: "handoffs:read" },
  "app/api/v1/handoffs/[id]/route.ts#GET": { kind: "api-scope", scope: "handoffs:read" },
  "app/api/v1/handoffs/[id]/status/route.ts#POST": { kind: "api-scope", scope: "handoffs:write" },
  "app/api/v1/handoffs/[id]/notes/route.ts#POST": { kind: "api-scope", scope: "handoffs:write" },
  "app/api/v1/handoffs/[id]/owner/route.ts#PUT": { kind: "api-scope", scope: "handoffs:write" },
  "app/api/v1/approvals/route.ts#GET": { kind: "api-scope", scope: "approvals:write" },
  "app/api/v1/approvals/[id]/decision/route.ts#POST": { kind: "api-scope", scope: "approvals:write" },
  "app/api/v1/webhooks/route.ts#GET": { kind: "api-scope", scope: "webhooks:manage" },
  "app/api/v1/webhooks/route.ts#POST": { kind: "api-scope", scope: "webhooks:manage" },
  "app/api/v1/webhooks/[id]/route.ts#PATCH": { kind: "api-scope", scope: "webhooks:manage" },
  "app/api/v1/webhooks/[id]/route.ts#DELETE": { kind: "api-scope", scope: "webhooks:manage" },
  "app/api/v1/webhooks/[id]/rotate/route.ts#POST": { kind: "api-scope", scope: "webhooks:manage" },
  "app/api/v1/openapi.json/route.ts#GET": { kind: "public", why: "the REST API's OpenAPI document: describes the API, holds no data" },
};

export type PageExpectation =
  /** Reachable without a session; `sample` fills in a dynamic page's segments (a value no record has). */
  | { kind: "public"; sample?: string }
  /** Only redirects (e.g. / → /inbox); the target's entry decides. */
  | { kind: "redirect"; to: string }
  /**
   * A console page: anonymous → /login, a role not listed → the Forbidden notice, a listed role → the page.
   * `sample` is a URL to visit; `:handoff`, `:crmContact` and `:article` are filled in by the e2e spec from the demo data.
   */
  | { kind: "console"; allowed: readonly UserRole[]; sample: string };

export const pageExpectations: Record<string, PageExpectation> = {
  "/": { kind: "redirect", to: "/inbox" },
  "/login": { kind: "public" },
  "/login/forgot": { kind: "public" },
  "/login/reset/[token]": { kind: "public", sample: "/login/reset/not-a-real-token" },
  "/login/invite/[token]": { kind: "public", sample: "/login/invite/not-a-real-token" },
  "/profile": { kind: "console", allowed: everyone, sample: "/profile" },
  "/chat": { kind: "public" },
  "/inbox": { kind: "console", allowed: everyone, sample: "/inbox" },
  "/handoffs/[id]": { kind: "console", allowed: everyone, sample: "/handoffs/:handoff" },
  "/metrics": { kind: "console", allowed: managers, sample: "/metrics" },
  "/notifications": { kind: "console", allowed: everyone, sample: "/notifications" },
  "/approvals": { kind: "console", allowed: everyone, sample: "/approvals" },
  "/approvals/confirm/[token]": { kind: "public", sample: "/approvals/confirm/not-a-real-token" },
  "/crm/[kind]": { kind: "console", allowed: everyone, sample: "/crm/contacts" },
  "/crm/[kind]/[id]": { kind: "console", allowed: everyone, sample: "/crm/contacts/:crmContact" },
  "/admin": { kind: "redirect", to: "/admin/rules" },
  "/admin/rules": { kind: "console", allowed: admins, sample: "/admin/rules" },
  "/admin/routing": { kind: "console", allowed: admins, sample: "/admin/routing" },
  "/admin/slas": { kind: "console", allowed: admins, sample: "/admin/slas" },
  "/admin/approvals": { kind: "console", allowed: admins, sample: "/admin/approvals" },
  "/admin/users": { kind: "console", allowed: admins, sample: "/admin/users" },
  "/admin/api-keys": { kind: "console", allowed: admins, sample: "/admin/api-keys" },
  "/admin/webhooks": { kind: "console", allowed: admins, sample: "/admin/webhooks" },
  "/admin/api-reference": { kind: "console", allowed: admins, sample: "/admin/api-reference" },
  "/admin/connections": { kind: "console", allowed: admins, sample: "/admin/connections" },
  "/admin/audit": { kind: "console", allowed: admins, sample: "/admin/audit" },
  "/admin/privacy": { kind: "console", allowed: admins, sample: "/admin/privacy" },
  "/admin/meetings": { kind: "console", allowed: admins, sample: "/admin/meetings" },
  "/admin/jobs": { kind: "console", allowed: admins, sample: "/admin/jobs" },
  "/admin/messages": { kind: "console", allowed: admins, sample: "/admin/messages" },
  "/admin/knowledge": { kind: "console", allowed: admins, sample: "/admin/knowledge" },
  "/admin/knowledge/new": { kind: "console", allowed: admins, sample: "/admin/knowledge/new" },
  "/admin/knowledge/[id]": { kind: "console", allowed: admins, sample: "/admin/knowledge/:article" },
};
