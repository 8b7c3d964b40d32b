import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { LeadDataForms } from "@/components/privacy/lead-data-forms";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/field";
import { readRetentionDays } from "@/db/queries/privacy";
import { pageActorWith } from "../../page-actor";
import { eraseLeadDataAction, exportLeadDataAction, saveRetentionAction } from "./actions";

export const metadata: Metadata = { title: "Privacy" };

export default async function PrivacyPage() {
  await pageActorWith("admin.manage");
  const retentionDays = await readRetentionDays();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Privacy</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          A person&apos;s data on request (GDPR articles 15 and 17), and how long the leads&apos; own words are kept. Card numbers, IBANs, passwords, tokens and
          ID numbers a lead sends are masked before anything is stored.
        </p>
      </div>
      <Card>
        <CardHeader
          title="A lead's data"
          description="Find everything by the lead's email address: export it, or erase it. Both are recorded in the audit log without the address."
        />
        <CardBody>
          <LeadDataForms exportAction={exportLeadDataAction} eraseAction={eraseLeadDataAction} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Retention"
          description="Raw submissions and chat transcripts older than this are anonymised by the worker once a day. Packages and metrics stay."
        />
        <CardBody>
          <ActionForm
            action={saveRetentionAction}
            success={`Retention saved.`}
            fieldLabels={{ retentionDays: "Keep for" }}
            label="Retention"
            className="flex flex-wrap items-end gap-3"
          >
            <div className="w-48">
              <Label htmlFor="retention-days">Keep for (days)</Label>
              <Input id="retention-days" name="retentionDays" type="number" min={1} max={3650} required defaultValue={retentionDays} />
            </div>
            <Button type="submit">Save</Button>
          </ActionForm>
        </CardBody>
      </Card>
    </div>
  );
}
