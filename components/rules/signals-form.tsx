"use client";

import { FieldError, Input, Label, Textarea } from "@/components/ui/field";
import { problemsUnder } from "@/lib/rules/problems";
import type { RuleSet } from "@/lib/rules/schema";

type Signals = RuleSet["signals"];

/**
 * The keyword patterns of each signal family: one regular expression a line, matched
 * case-insensitively against what the lead wrote (English and Spanish lines side by side).
 */
export function SignalsForm({ signals, problems, onChange }: { signals: Signals; problems: Record<string, string[]>; onChange: (signals: Signals) => void }) {
  const families = [...new Set(Object.keys(signals).map((id) => id.split(".")[0]))];
  return (
    <div className="divide-y divide-slate-100">
      {families.map((family) => {
        const ids = Object.keys(signals).filter((id) => id.split(".")[0] === family);
        const failing = ids.some((id) => problemsUnder(problems, `signals.${id}`).length > 0);
        return (
          <details key={family} className="group px-4 py-2" open={failing || undefined} data-testid="signal-family">
            <summary className="cursor-pointer py-1 text-sm font-medium text-slate-800">
              {family} <span className="font-normal text-slate-500">· {ids.length} signal{ids.length === 1 ? "" : "s"}</span>
              {failing ? <span className="ml-2 text-xs text-red-700">has problems</span> : null}
            </summary>
            <div className="mt-2 space-y-4">
              {ids.map((id) => {
                const signal = signals[id];
                const key = `signals-${id.replace(/\W/g, "-")}`;
                const errors = problemsUnder(problems, `signals.${id}`);
                return (
                  <div key={id} className="grid gap-2 sm:grid-cols-[14rem_1fr]">
                    <div>
                      <p className="font-mono text-xs text-slate-900">{id}</p>
                      <Label htmlFor={`${key}-label`} className="mt-1 text-xs">
                        Label
                      </Label>
                      <Input id={`${key}-label`} value={signal.label} onChange={(e) => onChange({ ...signals, [id]: { ...signal, label: e.target.value } })} />
                      <p className="mt-1 text-xs text-slate-500">Matched against {signal.target === "email" ? "the email address" : "what the lead wrote"}.</p>
                    </div>
                    <div>
                      <Label htmlFor={`${key}-patterns`} className="text-xs">
                        Patterns, one a line
                      </Label>
                      <Textarea
                        id={`${key}-patterns`}
                        rows={Math.min(8, Math.max(3, signal.patterns.length))}
                        className="font-mono text-xs"
                        spellCheck={false}
                        aria-invalid={errors.length > 0}
                        aria-describedby={`${key}-error`}
                        value={signal.patterns.join("\n")}
                        onChange={(e) => onChange({ ...signals, [id]: { ...signal, patterns: e.target.value.split("\n").filter((line, i, all) => line.trim() !== "" || i === all.length - 1) } })}
                      />
                      <FieldError id={`${key}-error`} messages={errors} />
                    </div>
                  </div>
                );
              })}
            </div>
          </details>
        );
      })}
    </div>
  );
}
