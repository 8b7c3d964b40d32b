import type { Metadata } from "next";
import { ConnectionForm } from "@/components/admin/connection-form";
import { Forbidden } from "@/components/layout/forbidden";
import { rolesFor } from "@/lib/auth/roles";
import { describeConnections } from "@/lib/connections/save-connection";
import { pageActor } from "../../page-actor";
import { saveConnectionAction, testConnectionAction } from "./actions";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const { actor, forbidden } = await pageActor(...rolesFor("admin.manage"));
  if (!actor) return null;
  if (forbidden) return <Forbidden message={forbidden} />;
  const views = await describeConnections();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Connections</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          The services Baton talks to. Settings saved here win over the environment; secrets are stored encrypted (AES-256-GCM with BATON_ENCRYPTION_KEY) and never shown again, only their last characters. The worker picks up a change within a few seconds.
        </p>
      </div>
      {views.map((view) => (
        <ConnectionForm key={view.kind} view={view} save={saveConnectionAction} test={testConnectionAction} />
      ))}
    </div>
  );
}
