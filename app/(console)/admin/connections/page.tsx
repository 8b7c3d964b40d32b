import type { Metadata } from "next";
import { ConnectionForm } from "@/components/admin/connection-form";
import { CrmChoiceForm } from "@/components/admin/crm-choice-form";
import { WidgetOriginsForm } from "@/components/admin/widget-origins-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { describeWidgetOrigins } from "@/lib/chat/widget-origins";
import { describeConnections } from "@/lib/connections/save-connection";
import { loadCrmChoice } from "@/lib/crm/crm-choice";
import { env } from "@/lib/env";
import { SsoCard } from "./sso-card";
import { pageActorWith } from "../../page-actor";
import { resetCrmChoiceAction, saveCrmChoiceAction } from "./crm-actions";
import { resetConnectionAction, resetWidgetOriginsAction, saveConnectionAction, saveWidgetOriginsAction, testConnectionAction } from "./actions";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  await pageActorWith("admin.manage");
  const [{ views, unreadable }, widget, crm] = await Promise.all([describeConnections(), describeWidgetOrigins(), loadCrmChoice()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Connections</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          The services Baton talks to. Settings saved here win over the environment; secrets are stored encrypted (AES-256-GCM with BATON_ENCRYPTION_KEY) and
          never shown again, only their last characters. The worker picks up a change within a few seconds.
        </p>
      </div>
      {unreadable ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="secrets-unreadable">
          The saved secrets cannot be decrypted with the BATON_ENCRYPTION_KEY in force (it changed, or the data was edited). Slack and email notifications fail
          (see Jobs) and the agent uses the environment&apos;s model settings until every saved secret is entered again. Shown below: the environment&apos;s
          settings.
        </p>
      ) : null}
      <CrmChoiceForm {...crm} environment={env().CRM_ADAPTER} save={saveCrmChoiceAction} reset={resetCrmChoiceAction} />
      {views.map((view) => (
        <ConnectionForm key={view.kind} view={view} save={saveConnectionAction} test={testConnectionAction} reset={resetConnectionAction} />
      ))}
      <SsoCard />
      <Card aria-labelledby="widget-origins-heading">
        <CardHeader
          id="widget-origins-heading"
          title="Chat widget: sites allowed to embed it"
          description="The widget (public/widget.js) opens the chat in an iframe; browsers show it only on these sites. Other app processes follow a change within a few seconds."
        />
        <CardBody>
          <WidgetOriginsForm {...widget} save={saveWidgetOriginsAction} reset={resetWidgetOriginsAction} />
        </CardBody>
      </Card>
    </div>
  );
}
