"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";

type Exported = { fileName: string; json: string };
type Erased = Record<string, number>;

/** Export or erase one person's data by email address; the erasure asks to be confirmed first. */
export function LeadDataForms({ exportAction, eraseAction }: { exportAction: FormAction<Exported>; eraseAction: FormAction<Erased> }) {
  const [erased, setErased] = useState<Erased | null>(null);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <ActionForm
        action={exportAction}
        success="Export ready: the file is downloading."
        fieldLabels={{ email: "Email" }}
        onDone={download}
        label="Export a lead's data"
        className="space-y-3"
      >
        <h3 className="text-sm font-semibold text-slate-900">Export (right of access)</h3>
        <div>
          <Label htmlFor="export-email">Email address</Label>
          <Input id="export-email" name="email" type="email" required maxLength={320} autoComplete="off" placeholder="ana@acme.io" />
        </div>
        <p className="text-xs text-slate-500">
          One JSON file with the lead, their submissions, conversations, packages and timelines, notifications, approval requests and CRM records.
        </p>
        <Button type="submit">Export as JSON</Button>
      </ActionForm>
      <div className="space-y-3">
        <ActionForm
          action={eraseAction}
          success="Erased."
          fieldLabels={{ email: "Email" }}
          onDone={setErased}
          resetOnSuccess
          label="Erase a lead's data"
          confirm="Erase everything about this person? This cannot be undone. Packages stay, anonymised, so the metrics keep their counts."
          className="space-y-3"
        >
          <h3 className="text-sm font-semibold text-slate-900">Erase (right to erasure)</h3>
          <div>
            <Label htmlFor="erase-email">Email address</Label>
            <Input id="erase-email" name="email" type="email" required maxLength={320} autoComplete="off" placeholder="ana@acme.io" />
          </div>
          <p className="text-xs text-slate-500">
            Deletes the lead, messages, notifications, approval requests and CRM records; anonymises packages and submissions; cancels queued jobs; asks HubSpot
            for a GDPR delete when it is the CRM.
          </p>
          <Button type="submit" variant="danger">
            Erase
          </Button>
        </ActionForm>
        {erased ? (
          <p role="status" data-testid="erase-result" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
            Erased {erased.leads} lead{erased.leads === 1 ? "" : "s"}, {erased.handoffs} package{erased.handoffs === 1 ? "" : "s"} (anonymised),{" "}
            {erased.intakes} submission{erased.intakes === 1 ? "" : "s"}, {erased.conversations} conversation{erased.conversations === 1 ? "" : "s"},{" "}
            {erased.crmRecords} CRM record{erased.crmRecords === 1 ? "" : "s"}; {erased.queuedJobs} queued job{erased.queuedJobs === 1 ? "" : "s"} cancelled
            {erased.hubspotContacts ? `; a HubSpot GDPR delete queued for ${erased.hubspotContacts} contact${erased.hubspotContacts === 1 ? "" : "s"}` : ""}.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function download({ fileName, json }: Exported) {
  const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
