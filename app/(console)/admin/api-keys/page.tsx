import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { CreateApiKeyForm } from "@/components/admin/create-api-key-form";
import { Forbidden } from "@/components/layout/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { listApiKeysForAdmin } from "@/db/queries/admin-api-keys";
import { listTeams } from "@/db/queries/users";
import { rolesFor } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { pageActor } from "../../page-actor";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { actor, forbidden } = await pageActor(...rolesFor("admin.manage"));
  if (!actor) return null;
  if (forbidden) return <Forbidden message={forbidden} />;
  const [keys, teams] = await Promise.all([listApiKeysForAdmin(), listTeams()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">API keys</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Keys for the intake API (<code className="font-mono text-xs">POST /api/v1/intake</code>, <code className="font-mono text-xs">Authorization: Bearer baton_…</code>). One key per source, so one can be revoked without stopping the others.
        </p>
      </div>
      <Card>
        <CardHeader title="Create a key" />
        <CardBody>
          <CreateApiKeyForm action={createApiKeyAction} teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Keys" description="Revoking takes effect on the key's next request." />
        {keys.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">No keys yet.</p>
          </CardBody>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="api-key-table">
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-4 py-2 font-medium">Name</th>
                  <th className="px-4 py-2 font-medium">Key</th>
                  <th className="px-4 py-2 font-medium">Team</th>
                  <th className="px-4 py-2 font-medium">Created</th>
                  <th className="px-4 py-2 font-medium">Last used</th>
                  <th className="px-4 py-2 font-medium">
                    <span className="sr-only">Status and actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((key) => (
                  <tr key={key.id} data-testid="api-key-row" data-name={key.name}>
                    <td className="px-4 py-2 font-medium text-slate-900">{key.name}</td>
                    <td className="px-4 py-2 font-mono text-xs text-slate-700">{key.prefix}…</td>
                    <td className="px-4 py-2 text-slate-700">{key.teamName ?? "—"}</td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-700">{formatDateTime(key.createdAt)}</td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-700">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</td>
                    <td className="px-4 py-2 text-right">
                      {key.revokedAt ? (
                        <Badge tone="slate">Revoked {formatDateTime(key.revokedAt)}</Badge>
                      ) : (
                        <ActionButton action={revokeApiKeyAction} fields={{ id: key.id }} success={`Key "${key.name}" revoked.`} variant="danger" confirm={`Revoke "${key.name}"? Senders using it are refused from their next request.`} aria-label={`Revoke ${key.name}`}>
                          Revoke
                        </ActionButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
