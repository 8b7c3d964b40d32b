"use client";

import { FieldError, Input, Label, Textarea } from "@/components/ui/field";
import { problemsUnder } from "@/lib/rules/problems";
import type { RuleSet } from "@/lib/rules/schema";

type Signals = RuleSet["signals"];

const patternLists = [
  { language: "en", label: "English" },
  { language: "es", label: "Spanish" },
  { language: null, label: "Any language (numbers, names, symbols)" },
] as const;

/**
 * The keyword patterns of each signal family per language: one regular expression a line, matched
 * case-insensitively against what the lead wrote. Every list is matched whatever the lead's
 * language; the lists keep each language's keywords together for the people who edit them.
 */
export function SignalsForm({ signals, problems, onChange }: { signals: Signals; problems: Record<string, string[]>; onChange: (signals: Signals) => void }) {
  // Stored as jsonb, the signals come back in no meaningful order: shown alphabetically.
  const ids = Object.keys(signals).sort();
  const families = [...new Set(ids.map((id) => id.split(".")[0]))];
  return (
    <div className="divide-y divide-slate-100">
      {families.map((family) => {
        const familyIds = ids.filter((id) => id.split(".")[0] === family);
        const failing = familyIds.some((id) => problemsUnder(problems, `signals.${id}`).length > 0);
        return (
          <details key={family} className="group px-4 py-2" open={failing || undefined} data-testid="signal-family">
            <summary className="cursor-pointer py-1 text-sm font-medium text-slate-800">
              {family}{" "}
              <span className="font-normal text-slate-500">
                · {familyIds.length} signal{familyIds.length === 1 ? "" : "s"}
              </span>
              {failing ? <span className="ml-2 text-xs text-red-700">has problems</span> : null}
            </summary>
            <div className="mt-2 space-y-4">
              {familyIds.map((id) => {
                const signal = signals[id];
                if (!signal) return null;
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
                    <div className="grid gap-2 lg:grid-cols-2">
                      {patternLists.map((list) => {
                        const patterns = list.language ? (signal.languages?.[list.language] ?? []) : signal.patterns;
                        const setPatterns = (next: string[]) =>
                          onChange({
                            ...signals,
                            [id]: list.language ? { ...signal, languages: { ...signal.languages, [list.language]: next } } : { ...signal, patterns: next },
                          });
                        return (
                          <div key={list.label} className={list.language ? "" : "lg:col-span-2"}>
                            <Label htmlFor={`${key}-${list.language ?? "any"}`} className="text-xs">
                              {list.label}, one a line
                            </Label>
                            <Textarea
                              id={`${key}-${list.language ?? "any"}`}
                              rows={Math.min(8, Math.max(3, patterns.length))}
                              className="font-mono text-xs"
                              spellCheck={false}
                              aria-invalid={errors.length > 0}
                              aria-describedby={`${key}-error`}
                              value={patterns.join("\n")}
                              onChange={(e) => setPatterns(e.target.value.split("\n").filter((line, i, all) => line.trim() !== "" || i === all.length - 1))}
                            />
                          </div>
                        );
                      })}
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
