"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import { channels, priorities, reasonCodes } from "@/lib/contract/package";
import { channelLabels, priorityLabels, reasonLabels } from "@/lib/format";
import type { RoutingMatch, RoutingTarget } from "@/lib/routing/schema";

export type RuleFormValues = { id?: string; name: string; enabled: boolean; respectCapacity: boolean; match: RoutingMatch; target: RoutingTarget };
type Option = { id: string; name: string };

const fieldLabels = {
  name: "Name",
  reasons: "Reasons",
  priorities: "Priorities",
  channels: "Channels",
  sourceTeamIds: "Came in for",
  "match.countries": "Countries",
  countries: "Countries",
  minEmployees: "Minimum employees",
  "match.minEmployees": "Minimum employees",
  maxEmployees: "Maximum employees",
  "match.maxEmployees": "Maximum employees",
  targetKind: "Send to",
  targetTeamId: "Team",
  targetUserId: "Person",
  "target.userId": "Person",
  "target.teamId": "Team",
};

const targetKinds = [
  { value: "round_robin", label: "Reps of a team, in turn" },
  { value: "manager", label: "A manager of a team" },
  { value: "queue", label: "A team's queue (nobody in particular)" },
  { value: "user", label: "One person" },
] as const;

export function RoutingRuleForm({
  action,
  initial,
  teams,
  people,
  submitLabel,
  idPrefix,
}: {
  action: FormAction<{ id: string }>;
  initial: RuleFormValues;
  teams: Option[];
  people: Option[];
  submitLabel: string;
  idPrefix: string;
}) {
  const [kind, setKind] = useState<RoutingTarget["kind"]>(initial.target.kind);
  const id = (name: string) => `${idPrefix}-${name}`;
  const m = initial.match;
  return (
    <ActionForm
      action={action}
      success={submitLabel === "Add rule" ? "Routing rule added." : "Routing rule saved."}
      fieldLabels={fieldLabels}
      resetOnSuccess={!initial.id}
      label={submitLabel === "Add rule" ? "New routing rule" : `Edit ${initial.name}`}
      className="space-y-4"
    >
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Label htmlFor={id("name")}>Name</Label>
          <Input id={id("name")} name="name" defaultValue={initial.name} required maxLength={200} />
        </div>
        <div className="flex items-end gap-4 text-sm text-slate-800">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="enabled" defaultChecked={initial.enabled} className="size-4 rounded border-slate-300" /> Enabled
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="respectCapacity" defaultChecked={initial.respectCapacity} className="size-4 rounded border-slate-300" /> Skip people at
            their capacity
          </label>
        </div>
      </div>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Matches packages with (leave all empty to match every package)</legend>
        <div className="grid gap-4 md:grid-cols-3">
          <Checkboxes legend="Reasons (any)" name="reasons" options={reasonCodes.map((r) => ({ id: r, name: reasonLabels[r] }))} checked={m.reasons} />
          <Checkboxes legend="Priorities" name="priorities" options={priorities.map((p) => ({ id: p, name: priorityLabels[p] }))} checked={m.priorities} />
          <Checkboxes legend="Channels" name="channels" options={channels.map((c) => ({ id: c, name: channelLabels[c] }))} checked={m.channels} />
          <Checkboxes legend="Came in for team" name="sourceTeamIds" options={teams} checked={m.sourceTeamIds} />
          <div className="space-y-3">
            <div>
              <Label htmlFor={id("countries")}>Countries (two-letter codes)</Label>
              <Input id={id("countries")} name="countries" defaultValue={m.countries?.join(", ") ?? ""} placeholder="ES, PT" />
            </div>
            <div className="grid grid-cols-2 gap-2">
              <div>
                <Label htmlFor={id("min")}>Min employees</Label>
                <Input id={id("min")} name="minEmployees" inputMode="numeric" defaultValue={m.minEmployees ?? ""} />
              </div>
              <div>
                <Label htmlFor={id("max")}>Max employees</Label>
                <Input id={id("max")} name="maxEmployees" inputMode="numeric" defaultValue={m.maxEmployees ?? ""} />
              </div>
            </div>
          </div>
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <Label htmlFor={id("kind")}>Send to</Label>
          <Select id={id("kind")} name="targetKind" value={kind} onChange={(e) => setKind(e.target.value as RoutingTarget["kind"])}>
            {targetKinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </Select>
        </div>
        {kind === "user" ? (
          <div>
            <Label htmlFor={id("user")}>Person</Label>
            <Select id={id("user")} name="targetUserId" defaultValue={initial.target.kind === "user" ? initial.target.userId : ""}>
              <option value="">Choose a person…</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </div>
        ) : (
          <div>
            <Label htmlFor={id("team")}>Team</Label>
            <Select id={id("team")} name="targetTeamId" defaultValue={initial.target.kind !== "user" ? (initial.target.teamId ?? "") : ""}>
              <option value="">The team the lead came in for</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="flex items-end">
          <Button type="submit">{submitLabel}</Button>
        </div>
      </div>
    </ActionForm>
  );
}

function Checkboxes({ legend, name, options, checked }: { legend: string; name: string; options: Option[]; checked?: readonly string[] }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="space-y-1">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name={name} value={o.id} defaultChecked={checked?.includes(o.id)} className="size-4 rounded border-slate-300" />
            {o.name}
          </label>
        ))}
        {options.length === 0 ? <p className="text-sm text-slate-500">None yet.</p> : null}
      </div>
    </fieldset>
  );
}
