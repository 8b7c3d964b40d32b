import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { CreateApiKeyForm } from "@/components/admin/create-api-key-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { listApiKeysForAdmin } from "@/db/queries/api-keys";
import { listTeams } from "@/db/queries/teams";
import { apiScopeLabels, apiScopes } from "@/lib/api/scopes";
import { formatDateTime } from "@/lib/format";
import { pageActorWith } from "../../page-actor";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await pageActorWith("admin.manage");
  const [keys, teams] = await Promise.all([listApiKeysForAdmin(), listTeams()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">API keys</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Keys for the intake API (<code className="font-mono text-xs">POST /api/v1/intake</code>,{" "}
          <code className="font-mono text-xs">Authorization: Bearer baton_…</code>) and the REST API (
          <a className="text-brand-700 underline" href="/admin/api-reference">
            reference
          </a>
          ). One key per source, so one can be revoked without stopping the others.
        </p>
      </div>
      <Card>
        <CardHeader title="Create a key" />
        <CardBody>
          <CreateApiKeyForm
            action={createApiKeyAction}
            teams={teams.map((t) => ({ id: t.id, name: t.name }))}
            scopes={apiScopes.map((value) => ({ value, label: apiScopeLabels[value] }))}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Keys" description="Revoking takes effect on the key's next request." />
        {keys.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">No keys yet.</p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="api-key-list">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3" data-testid="api-key-row" data-name={key.name}>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                    {key.name}
                    <code className="font-mono text-xs font-normal text-slate-600">{key.prefix}…</code>
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {key.teamName ? `Leads land in ${key.teamName}` : "No team"} · created {formatDateTime(key.createdAt)} ·{" "}
                    {key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt)}` : "never used"}
                  </p>
                  <p className="mt-0.5 font-mono text-xs text-slate-500" data-testid="api-key-scopes">
                    {key.scopes.join(" ")}
                  </p>
                </div>
                {key.revokedAt ? (
                  <Badge tone="slate">Revoked {formatDateTime(key.revokedAt)}</Badge>
                ) : (
                  <ActionButton
                    action={revokeApiKeyAction}
                    fields={{ id: key.id }}
                    success={`Key "${key.name}" revoked.`}
                    variant="danger-outline"
                    confirm={`Revoke "${key.name}"? Senders using it are refused from their next request.`}
                    aria-label={`Revoke ${key.name}`}
                  >
                    Revoke
                  </ActionButton>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
