"use client";

import { ArrowDown, ArrowUp, Plus, Trash2, X } from "lucide-react";
import { FieldError, Input, Label, Select } from "@/components/ui/field";
import { decisions } from "@/lib/contract/decision";
import { actionTypes, priorities, reasonCodes } from "@/lib/contract/package";
import { cn } from "@/lib/cn";
import { problemsUnder } from "@/lib/rules/problems";
import type { RulePrecision } from "@/lib/rules/rule-precision";
import type { Rule } from "@/lib/rules/schema";
import { ConditionEditor } from "./condition-editor";

type Props = {
  rule: Rule;
  index: number;
  count: number;
  problems: Record<string, string[]>;
  precision: RulePrecision | undefined;
  highlighted: boolean;
  listId: string;
  onChange: (rule: Rule) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

/** One rule: when it fires (its condition) and what it decides (decision, priority, reasons, actions). */
export function RuleCard({ rule, index, count, problems, precision, highlighted, listId, onChange, onMove, onRemove }: Props) {
  const path = `rules.${index}`;
  const at = (suffix: string) => `${path}.${suffix}`;
  const own = [...(problems[path] ?? []), ...(problems[at("decision")] ?? [])];
  const priorityMode = rule.priority === null ? "none" : Array.isArray(rule.priority) ? "conditional" : "fixed";
  const set = (change: Partial<Rule>) => onChange({ ...rule, ...change });

  return (
    <li
      id={`rule-${rule.id}`}
      data-testid="rule-card"
      data-rule-id={rule.id}
      data-highlighted={highlighted || undefined}
      aria-label={`Rule ${index + 1}: ${rule.id}`}
      className={cn(
        "scroll-mt-24 rounded-lg border border-slate-200 bg-white p-4",
        highlighted && "border-brand-500 ring-2 ring-brand-500/40",
        problemsUnder(problems, path).length > 0 && "border-red-300",
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex items-center gap-2">
          <span className="inline-flex size-6 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700">{index + 1}</span>
          <PrecisionBadge precision={precision} />
        </div>
        <div className="flex items-center gap-1">
          <IconButton label={`Move ${rule.id} up`} disabled={index === 0} onClick={() => onMove(-1)}>
            <ArrowUp className="size-4" aria-hidden />
          </IconButton>
          <IconButton label={`Move ${rule.id} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            <ArrowDown className="size-4" aria-hidden />
          </IconButton>
          <IconButton label={`Delete ${rule.id}`} disabled={count === 1} onClick={onRemove}>
            <Trash2 className="size-4" aria-hidden />
          </IconButton>
        </div>
      </div>

      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor={`${path}-id`}>Rule id</Label>
          <Input
            id={`${path}-id`}
            value={rule.id}
            className="font-mono text-xs"
            aria-invalid={!!problems[at("id")]}
            aria-describedby={`${path}-id-error`}
            onChange={(e) => set({ id: e.target.value })}
          />
          <FieldError id={`${path}-id-error`} messages={problems[at("id")]} />
        </div>
        <div>
          <Label htmlFor={`${path}-description`}>Description</Label>
          <Input id={`${path}-description`} value={rule.description} onChange={(e) => set({ description: e.target.value })} />
        </div>
      </div>

      <fieldset className="mt-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">When</legend>
        <ConditionEditor value={rule.when} listId={listId} label={`${rule.id} condition`} onChange={(when) => set({ when })} />
        <FieldError id={`${path}-when-error`} messages={problemsUnder(problems, at("when"))} />
      </fieldset>

      <fieldset className="mt-4 grid gap-3 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Then</legend>
        <div>
          <Label htmlFor={`${path}-decision`}>Decision</Label>
          <Select
            id={`${path}-decision`}
            value={rule.decision}
            aria-invalid={own.length > 0}
            onChange={(e) => set(withDecision(rule, e.target.value as Rule["decision"]))}
          >
            {decisions.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
          <FieldError id={`${path}-error`} messages={own} />
        </div>
        <div>
          <Label htmlFor={`${path}-priority`}>Priority</Label>
          <Select
            id={`${path}-priority`}
            value={priorityMode === "fixed" ? String(rule.priority) : priorityMode}
            onChange={(e) => {
              const v = e.target.value;
              set({
                priority:
                  v === "none" ? null : v === "conditional" ? [{ when: "risk", value: "immediate" }, { value: "normal" }] : (v as (typeof priorities)[number]),
              });
            }}
          >
            <option value="none">none</option>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
            <option value="conditional">depends on a condition…</option>
          </Select>
          <FieldError id={`${path}-priority-error`} messages={problemsUnder(problems, at("priority"))} />
        </div>
      </fieldset>

      {Array.isArray(rule.priority) ? (
        <ol className="mt-3 space-y-2 rounded-md bg-slate-50 p-3 text-sm" aria-label={`${rule.id} priority by condition`}>
          {rule.priority.map((entry, i) => (
            <li key={i} className="space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-slate-600">{i === 0 ? "Priority" : "otherwise"}</span>
                <select
                  aria-label={`${rule.id} priority ${i + 1}`}
                  className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
                  value={entry.value}
                  onChange={(e) =>
                    set({ priority: replaceAt(rule.priority as PriorityList, i, { ...entry, value: e.target.value as (typeof priorities)[number] }) })
                  }
                >
                  {priorities.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
                <span className="text-slate-600">{entry.when === undefined ? "in every other case" : "when"}</span>
                {(rule.priority as PriorityList).length > 1 ? (
                  <IconButton
                    label={`Remove priority ${i + 1} of ${rule.id}`}
                    onClick={() => set({ priority: (rule.priority as PriorityList).filter((_, j) => j !== i) })}
                  >
                    <X className="size-4" aria-hidden />
                  </IconButton>
                ) : null}
              </div>
              {entry.when !== undefined ? (
                <ConditionEditor
                  value={entry.when}
                  listId={listId}
                  label={`${rule.id} priority ${i + 1} condition`}
                  onChange={(when) => set({ priority: replaceAt(rule.priority as PriorityList, i, { ...entry, when }) })}
                />
              ) : null}
            </li>
          ))}
          <li>
            <button
              type="button"
              className="inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline"
              onClick={() => set({ priority: [{ when: "urgent", value: "immediate" }, ...(rule.priority as PriorityList)] })}
            >
              <Plus className="size-3" aria-hidden /> Priority case
            </button>
          </li>
        </ol>
      ) : null}

      <fieldset className="mt-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">Reasons</legend>
        <ul className="space-y-2">
          {rule.reasons.map((reason, i) => (
            <li key={i} className="space-y-1 rounded-md bg-slate-50 p-2">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <select
                  aria-label={`${rule.id} reason ${i + 1}`}
                  className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
                  value={reason.code}
                  onChange={(e) => set({ reasons: replaceAt(rule.reasons, i, { ...reason, code: e.target.value as (typeof reasonCodes)[number] }) })}
                >
                  {reasonCodes.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
                <label className="inline-flex items-center gap-1 text-slate-600">
                  <input
                    type="checkbox"
                    checked={reason.when !== undefined}
                    onChange={(e) => set({ reasons: replaceAt(rule.reasons, i, { ...reason, when: e.target.checked ? "risk" : undefined }) })}
                  />
                  only when…
                </label>
                {rule.reasons.length > 1 ? (
                  <IconButton label={`Remove reason ${i + 1} of ${rule.id}`} onClick={() => set({ reasons: rule.reasons.filter((_, j) => j !== i) })}>
                    <X className="size-4" aria-hidden />
                  </IconButton>
                ) : null}
              </div>
              {reason.when !== undefined ? (
                <ConditionEditor
                  value={reason.when}
                  listId={listId}
                  label={`${rule.id} reason ${i + 1} condition`}
                  onChange={(when) => set({ reasons: replaceAt(rule.reasons, i, { ...reason, when }) })}
                />
              ) : null}
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="mt-2 inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline"
          onClick={() => set({ reasons: [...rule.reasons, { code: "risk" }] })}
        >
          <Plus className="size-3" aria-hidden /> Reason
        </button>
        <FieldError id={`${path}-reasons-error`} messages={problemsUnder(problems, at("reasons"))} />
        {/* Route-to lives in one place, the routing rules, which match on these reasons: two places deciding who gets a lead would disagree. */}
        <p className="mt-2 text-xs text-slate-500">
          Who receives the package is set by the routing rules, which can match these reasons (e.g. risk to a manager):{" "}
          <a href="/admin/routing" className="font-medium text-brand-700 underline">
            routing rules
          </a>
          .
        </p>
      </fieldset>

      <fieldset className="mt-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">Actions the agent takes</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          {actionTypes.map((type) => (
            <label key={type} className="inline-flex items-center gap-1">
              <input
                type="checkbox"
                checked={rule.actions.includes(type)}
                onChange={(e) => set({ actions: e.target.checked ? [...rule.actions, type] : rule.actions.filter((a) => a !== type) })}
              />
              {type.replaceAll("_", " ")}
            </label>
          ))}
        </div>
      </fieldset>
    </li>
  );
}

type PriorityList = Extract<Rule["priority"], unknown[]>;

function withDecision(rule: Rule, decision: Rule["decision"]): Partial<Rule> {
  // The contract's fixed pairs: filter and act carry no priority, an ask is always nurture.
  if (decision === "filter" || decision === "act") return { decision, priority: null };
  if (decision === "ask") return { decision, priority: "nurture" };
  return { decision, priority: rule.priority ?? "normal" };
}

function replaceAt<T>(list: T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

function PrecisionBadge({ precision }: { precision: RulePrecision | undefined }) {
  if (!precision || precision.produced === 0) return <span className="text-xs text-slate-500">No packages in the last 90 days</span>;
  const rate = precision.precision === null ? "no outcome yet" : `${Math.round(precision.precision * 100)}% precision`;
  return (
    <span
      data-testid="rule-precision"
      title="Accepted or converted, against discarded or flagged as a poor escalation (last 90 days, every version)"
      className={cn(
        "rounded-full px-2 py-0.5 text-xs font-medium",
        precision.precision !== null && precision.precision < 0.5 ? "bg-amber-100 text-amber-900" : "bg-green-100 text-green-900",
      )}
    >
      {rate} · {precision.good} good / {precision.bad} poor of {precision.produced.toLocaleString("en")}
    </span>
  );
}

function IconButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="rounded p-1.5 text-slate-600 hover:bg-slate-100 disabled:opacity-30"
    >
      {children}
    </button>
  );
}
