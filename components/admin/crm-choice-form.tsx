"use client";

import { ActionButton } from "@/components/admin/action-button";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { crmAdapterLabels, crmAdapterNames, type CrmAdapterName } from "@/lib/crm/crm-adapter-names";

type Props = {
  adapter: CrmAdapterName;
  source: "database" | "environment";
  environment: CrmAdapterName;
  save: FormAction<{ adapter: CrmAdapterName }>;
  reset: FormAction<{ removed: boolean }>;
};

/** The CRM the sync logs to: saved here it replaces CRM_ADAPTER; the worker follows within seconds. */
export function CrmChoiceForm({ adapter, source, environment, save, reset }: Props) {
  return (
    <section aria-labelledby="crm-choice-title" className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="crm-choice">
      <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id="crm-choice-title" className="text-sm font-semibold text-slate-900">
            CRM
          </h2>
          <p className="mt-0.5 max-w-2xl text-xs text-slate-500">
            Where handoffs are logged. A change applies to the next sync (the worker follows within a few seconds, no restart); records already written stay
            where they are. HubSpot and Salesforce use their connection below.
          </p>
        </div>
        <Badge tone={source === "database" ? "blue" : "slate"} data-testid="crm-choice-source">
          {source === "database" ? "Saved here" : "From the environment"}
        </Badge>
      </header>
      <div className="flex flex-wrap items-end gap-3 px-4 py-3">
        <ActionForm
          action={save}
          success={(d) => `${crmAdapterLabels[d.adapter]} is now the CRM.`}
          fieldLabels={{ adapter: "CRM" }}
          label="CRM"
          className="flex items-end gap-3"
        >
          <div>
            <Label htmlFor="crm-choice-adapter">CRM</Label>
            <Select id="crm-choice-adapter" name="adapter" defaultValue={adapter}>
              {crmAdapterNames.map((name) => (
                <option key={name} value={name}>
                  {crmAdapterLabels[name]}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" size="sm">
            Use this CRM
          </Button>
        </ActionForm>
        {source === "database" ? (
          <ActionButton
            action={reset}
            fields={{}}
            success="Back to the environment's CRM."
            confirm={`Use the environment's CRM (${crmAdapterLabels[environment]}) again?`}
          >
            Use the environment&apos;s ({crmAdapterLabels[environment]})
          </ActionButton>
        ) : null}
      </div>
    </section>
  );
}
