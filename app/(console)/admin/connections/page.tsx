import type { Metadata } from "next";
import { ConnectionForm } from "@/components/admin/connection-form";
import { describeConnections } from "@/lib/connections/save-connection";
import { pageActorWith } from "../../page-actor";
import { resetConnectionAction, saveConnectionAction, testConnectionAction } from "./actions";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  await pageActorWith("admin.manage");
  const { views, unreadable } = await describeConnections();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Connections</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          The services Baton talks to. Settings saved here win over the environment; secrets are stored encrypted (AES-256-GCM with BATON_ENCRYPTION_KEY) and never shown again, only their last characters. The worker picks up a change within a few seconds.
        </p>
      </div>
      {unreadable ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="secrets-unreadable">
          The saved secrets cannot be decrypted with the BATON_ENCRYPTION_KEY in force (it changed, or the data was edited). Slack and email notifications fail (see Jobs) and the agent uses the environment&apos;s model settings until every saved secret is entered again. Shown below: the environment&apos;s settings.
        </p>
      ) : null}
      {views.map((view) => (
        <ConnectionForm key={view.kind} view={view} save={saveConnectionAction} test={testConnectionAction} reset={resetConnectionAction} />
      ))}
    </div>
  );
}
