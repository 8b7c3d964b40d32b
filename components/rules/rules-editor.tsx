"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { FieldError, Input, Label, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";
import { actionTypes } from "@/lib/contract/package";
import { extractedFeatures, validateRuleSet } from "@/lib/rules/compile";
import { problemsByPath, problemsUnder } from "@/lib/rules/problems";
import type { RulePrecision } from "@/lib/rules/rule-precision";
import { thresholdMaximums, type Rule, type RuleSet } from "@/lib/rules/schema";
import { ConditionEditor } from "./condition-editor";
import { RuleCard } from "./rule-card";
import { SignalsForm } from "./signals-form";
import { SimulationPanel, type SimulateInput, type SimulationReply } from "./simulation-panel";

type SaveInput = { rules: Record<string, unknown>; note?: string; basedOn?: number };

type Props = {
  initial: RuleSet;
  /** Changes when what the form should start from changes (a publish, a restore, a saved draft). */
  revision: string;
  /** What the form starts from: the saved draft, or a copy of the published version. */
  startedFrom: { kind: "draft"; savedAt: string } | { kind: "published"; version: number };
  publishedVersion: number;
  precision: Record<string, RulePrecision>;
  highlightRule: string | null;
  saveDraft: (input: SaveInput) => Promise<ActionResult<{ saved: boolean }>>;
  publish: (input: SaveInput) => Promise<ActionResult<{ version: number }>>;
  simulate: (input: SimulateInput) => Promise<ActionResult<SimulationReply>>;
};

const thresholdFields = [
  { key: "monthlyLeads", label: "Volume: leads a month at least", help: "A fit lead with this many leads a month is high value." },
  { key: "employees", label: "Volume: employees at least", help: "…or with this many employees." },
  { key: "budget", label: "Volume: budget at least", help: "…or with a budget this large, in one of the currencies below." },
  { key: "urgentDays", label: "Urgent within (days)", help: "A timeline this short makes the lead urgent." },
] as const;

/** The whole rule set as forms, checked as it is typed with the same validation the server runs. */
export function RulesEditor({ initial, revision, startedFrom, publishedVersion, precision, highlightRule, saveDraft, publish, simulate }: Props) {
  const router = useRouter();
  const [ruleSet, setRuleSet] = useState<RuleSet>(initial);
  const [shownRevision, setShownRevision] = useState(revision);
  // After a publish or a restore the page is refreshed with other rules: the form starts from them.
  if (shownRevision !== revision) {
    setShownRevision(revision);
    setRuleSet(initial);
  }
  const [note, setNote] = useState("");
  const [serverProblems, setServerProblems] = useState<Record<string, string[]> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const deferred = useDeferredValue(ruleSet);

  const problems = useMemo(() => {
    const result = validateRuleSet(clean(deferred));
    return result.ok ? {} : problemsByPath(result.problems);
  }, [deferred]);
  const shown = serverProblems ?? problems;
  const problemCount = Object.values(shown).flat().length;

  const names = useMemo(() => {
    const signalIds = Object.keys(ruleSet.signals);
    return [...new Set([...extractedFeatures, ...signalIds.map((id) => id.split(".")[0]), ...signalIds, ...Object.keys(ruleSet.features)])].sort();
  }, [ruleSet.signals, ruleSet.features]);

  useEffect(() => {
    if (!highlightRule) return;
    document.getElementById(`rule-${highlightRule}`)?.scrollIntoView({ block: "start" });
  }, [highlightRule]);

  const update = (change: (draft: RuleSet) => RuleSet) => {
    setServerProblems(null);
    setRuleSet((current) => change(current));
  };
  const setRules = (rules: Rule[]) => update((r) => ({ ...r, rules }));

  const submit = (kind: "draft" | "publish") =>
    start(async () => {
      setMessage(null);
      const input = { rules: clean(ruleSet) as Record<string, unknown>, note: note || undefined };
      const reply = kind === "draft" ? await saveDraft(input) : await publish({ ...input, basedOn: publishedVersion });
      if (!reply.ok) {
        setServerProblems(reply.fieldErrors ?? null);
        setMessage(actionErrorText(reply));
        return;
      }
      const done = "version" in reply.data ? `Published as version ${reply.data.version}. New intakes use it now.` : "Draft saved.";
      setMessage(done);
      toast.success(done);
      setNote("");
      router.refresh();
    });

  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600" data-testid="rules-started-from">
        {startedFrom.kind === "draft"
          ? `Editing the saved draft (saved ${startedFrom.savedAt}). Version ${publishedVersion} decides new intakes until you publish.`
          : `Editing a copy of version ${startedFrom.version}, the published one. Nothing changes for new intakes until you publish.`}
      </p>

      {problemCount > 0 ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="rules-problems">
          <p className="font-medium">
            {problemCount} problem{problemCount === 1 ? "" : "s"} to fix before saving:
          </p>
          <ul className="mt-1 list-inside list-disc">
            {Object.entries(shown).flatMap(([path, messages]) =>
              messages.map((m) => <li key={`${path}${m}`}>{path && !path.startsWith("thresholds.") ? `${path}: ${m}` : m}</li>),
            )}
          </ul>
        </div>
      ) : null}

      <Card>
        <CardHeader title="Thresholds" description="What counts as high value and as urgent." id="thresholds-heading" />
        <div className="grid gap-4 px-4 py-3 sm:grid-cols-2 lg:grid-cols-4">
          {thresholdFields.map((field) => {
            const path = `thresholds.${field.key}`;
            return (
              <div key={field.key}>
                <Label htmlFor={`threshold-${field.key}`}>{field.label}</Label>
                <Input
                  id={`threshold-${field.key}`}
                  type="number"
                  min={0}
                  max={thresholdMaximums[field.key]}
                  step={field.key === "budget" ? "any" : 1}
                  value={Number.isNaN(ruleSet.thresholds[field.key]) ? "" : ruleSet.thresholds[field.key]}
                  aria-invalid={!!shown[path]}
                  aria-describedby={`threshold-${field.key}-help threshold-${field.key}-error`}
                  onChange={(e) =>
                    update((r) => ({ ...r, thresholds: { ...r.thresholds, [field.key]: e.target.value === "" ? Number.NaN : Number(e.target.value) } }))
                  }
                />
                <p id={`threshold-${field.key}-help`} className="mt-1 text-xs text-slate-500">
                  {field.help}
                </p>
                <FieldError id={`threshold-${field.key}-error`} messages={shown[path]} />
              </div>
            );
          })}
          <div>
            <Label htmlFor="threshold-currencies">Budget currencies</Label>
            <Input
              id="threshold-currencies"
              value={ruleSet.thresholds.budgetCurrencies.join(", ")}
              aria-invalid={problemsUnder(shown, "thresholds.budgetCurrencies").length > 0}
              aria-describedby="threshold-currencies-error"
              onChange={(e) =>
                update((r) => ({
                  ...r,
                  thresholds: {
                    ...r.thresholds,
                    budgetCurrencies: e.target.value
                      .split(",")
                      .map((c) => c.trim().toUpperCase())
                      .filter(Boolean),
                  },
                }))
              }
            />
            <FieldError id="threshold-currencies-error" messages={problemsUnder(shown, "thresholds.budgetCurrencies")} />
          </div>
          <fieldset className="sm:col-span-2 lg:col-span-3">
            <legend className="mb-1 text-sm font-medium text-slate-700">Actions that always wait for a person&apos;s approval</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
              {actionTypes.map((type) => (
                <label key={type} className="inline-flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={ruleSet.sensitiveActions.includes(type)}
                    onChange={(e) =>
                      update((r) => ({
                        ...r,
                        sensitiveActions: e.target.checked ? [...r.sensitiveActions, type] : r.sensitiveActions.filter((a) => a !== type),
                      }))
                    }
                  />
                  {type.replaceAll("_", " ")}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="inline-flex items-center gap-2 text-sm text-slate-700 sm:col-span-2 lg:col-span-3">
            <input type="checkbox" checked={ruleSet.filterReply} onChange={(e) => update((r) => ({ ...r, filterReply: e.target.checked }))} />
            Answer a filtered email lead with one short, polite reply that promises nothing
          </label>
        </div>
      </Card>

      <Card>
        <CardHeader title="Rules" description="In order: the first rule whose condition holds decides. Precision is from the metrics of the last 90 days." />
        <datalist id="rule-fact-names">
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <ol className="space-y-3 p-4" aria-label="Rules in order">
          {ruleSet.rules.map((rule, index) => (
            <RuleCard
              key={index}
              rule={rule}
              index={index}
              count={ruleSet.rules.length}
              problems={shown}
              precision={precision[rule.id]}
              highlighted={highlightRule === rule.id}
              listId="rule-fact-names"
              onChange={(next) => setRules(ruleSet.rules.map((r, i) => (i === index ? next : r)))}
              onMove={(by) => setRules(move(ruleSet.rules, index, index + by))}
              onRemove={() => setRules(ruleSet.rules.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
        <div className="px-4 pb-4">
          <Button variant="secondary" size="sm" onClick={() => setRules([...ruleSet.rules.slice(0, -1), newRule(ruleSet.rules), ...ruleSet.rules.slice(-1)])}>
            <Plus className="size-4" aria-hidden /> Add a rule before the last one
          </Button>
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Derived facts"
          description="Facts the rules name, defined from signals and extracted facts, in order (each may use the ones above it)."
        />
        <ul className="divide-y divide-slate-100">
          {Object.entries(ruleSet.features).map(([name, condition]) => (
            <li key={name} className="grid gap-2 px-4 py-3 sm:grid-cols-[12rem_1fr]">
              <span className="font-mono text-xs text-slate-900">{name}</span>
              <div>
                <ConditionEditor
                  value={condition}
                  listId="rule-fact-names"
                  label={`${name} definition`}
                  onChange={(next) => update((r) => ({ ...r, features: { ...r.features, [name]: next } }))}
                />
                <FieldError id={`feature-${name}-error`} messages={problemsUnder(shown, `features.${name}`)} />
              </div>
            </li>
          ))}
        </ul>
      </Card>

      <Card>
        <CardHeader
          title="Signals"
          description="Keyword patterns per signal family and language, as regular expressions matched without regard to case. Every list is matched whatever language the lead writes in."
        />
        <SignalsForm signals={ruleSet.signals} problems={shown} onChange={(signals) => update((r) => ({ ...r, signals }))} />
        <div className="border-t border-slate-100 px-4 py-3">
          <Label htmlFor="free-email-domains">Free email domains (one a line): an address there says nothing about a business</Label>
          <Textarea
            id="free-email-domains"
            rows={3}
            className="font-mono text-xs"
            value={ruleSet.freeEmailDomains.join("\n")}
            aria-describedby="free-email-domains-error"
            onChange={(e) => update((r) => ({ ...r, freeEmailDomains: e.target.value.split("\n").map((d) => d.trim()) }))}
          />
          <FieldError id="free-email-domains-error" messages={problemsUnder(shown, "freeEmailDomains")} />
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Simulate before publishing"
          description={`Replays intakes through these rules and through version ${publishedVersion}, and shows which leads would be decided differently.`}
        />
        <SimulationPanel rules={() => clean(ruleSet) as Record<string, unknown>} disabled={problemCount > 0} simulate={simulate} />
      </Card>

      <Card>
        <div className="flex flex-wrap items-end gap-3 px-4 py-3">
          <div className="min-w-48 flex-1">
            <Label htmlFor="rules-note">Note for the history</Label>
            <Input id="rules-note" value={note} maxLength={500} placeholder="What changed and why" onChange={(e) => setNote(e.target.value)} />
          </div>
          <Button variant="secondary" disabled={pending || problemCount > 0} onClick={() => submit("draft")}>
            Save draft
          </Button>
          <Button disabled={pending || problemCount > 0} onClick={() => submit("publish")}>
            Publish as version {publishedVersion + 1}
          </Button>
          {message ? (
            <p role="status" className="basis-full text-sm text-slate-700" data-testid="rules-message">
              {message}
            </p>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

// What the forms hold while typing (a blank pattern line, an empty number) is not part of the rules.
function clean(ruleSet: RuleSet): RuleSet {
  return {
    ...ruleSet,
    freeEmailDomains: ruleSet.freeEmailDomains.filter(Boolean),
    signals: Object.fromEntries(
      Object.entries(ruleSet.signals).map(([id, s]) => [
        id,
        {
          ...s,
          patterns: filled(s.patterns),
          ...(s.languages ? { languages: Object.fromEntries(Object.entries(s.languages).map(([language, list]) => [language, filled(list ?? [])])) } : {}),
        },
      ]),
    ),
    thresholds: Object.fromEntries(
      Object.entries(ruleSet.thresholds).map(([k, v]) => [k, typeof v === "number" && Number.isNaN(v) ? undefined : v]),
    ) as RuleSet["thresholds"],
  };
}

function filled(patterns: string[]): string[] {
  return patterns.filter((p) => p.trim() !== "");
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item === undefined) return list;
  next.splice(to, 0, item);
  return next;
}

function newRule(rules: Rule[]): Rule {
  let n = rules.length + 1;
  while (rules.some((r) => r.id === `custom.rule_${n}`)) n++;
  return { id: `custom.rule_${n}`, description: "", when: "risk", decision: "escalate", priority: "normal", reasons: [{ code: "risk" }], actions: [] };
}
