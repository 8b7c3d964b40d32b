import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { getFourEyesSettings } from "@/db/queries/approvals";
import { actionLabels } from "@/lib/approvals/action-params";
import { sensitiveActionTypes } from "@/lib/contract/package";
import { pageActorWith } from "../../page-actor";
import { saveFourEyesAction } from "./actions";

export const metadata: Metadata = { title: "Approval settings" };

export default async function ApprovalSettingsPage() {
  await pageActorWith("admin.manage");
  const settings = await getFourEyesSettings();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Approvals</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Four-eyes: the person who asked for a request may not approve it; another person with a hold on the package (a manager, or the owner when someone else
          drafted it) does. It holds in the console, in Slack and for emailed links alike, and the person who asked can still deny their own request. Requests
          the agent proposes have no person who asked.
        </p>
      </div>
      <Card>
        <CardHeader
          title="The person who asked may not approve"
          description="Per action type. Today people draft emails (request more info); the CRM changes come from the agent."
        />
        <ul className="divide-y divide-slate-100">
          {sensitiveActionTypes.map((type) => (
            <li key={type} className="px-4 py-3" data-testid={`four-eyes-${type}`}>
              <ActionForm
                action={saveFourEyesAction}
                success={`${actionLabels[type]}: four-eyes ${settings[type] ? "off" : "on"}.`}
                label={`Four-eyes for ${actionLabels[type]}`}
                className="flex flex-wrap items-center justify-between gap-3"
              >
                <input type="hidden" name="actionType" value={type} />
                <input type="hidden" name="fourEyes" value={settings[type] ? "false" : "true"} />
                <p className="text-sm text-slate-900">
                  <span className="font-medium">{actionLabels[type]}</span>{" "}
                  <span className={settings[type] ? "text-emerald-700" : "text-slate-600"} data-testid="four-eyes-state">
                    {settings[type] ? "Four-eyes on: the person who asked may not approve." : "Off: the person who asked may approve."}
                  </span>
                </p>
                <Button type="submit" size="sm" variant="secondary">
                  {settings[type] ? "Turn off" : "Turn on"}
                </Button>
              </ActionForm>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
