/** What an API key may do. Keys made before scopes existed have `intake:write` (the migration's default). */
export const apiScopes = ["intake:write", "handoffs:read", "handoffs:write", "approvals:write", "webhooks:manage"] as const;
export type ApiScope = (typeof apiScopes)[number];

export const apiScopeLabels: Record<ApiScope, string> = {
  "intake:write": "Send intakes (POST /api/v1/intake, inbound email)",
  "handoffs:read": "List and read packages",
  "handoffs:write": "Change status, add notes, reassign (reassigning needs a manager's key)",
  "approvals:write": "List pending approvals and decide them",
  "webhooks:manage": "Manage webhook endpoints",
};
