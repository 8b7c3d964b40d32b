"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";
import { decisions } from "@/lib/contract/decision";
import { priorities } from "@/lib/contract/package";
import { describeOutcome, type LabelledScores, type SimulationResult } from "@/lib/rules/simulate";
import { ScrollRegion } from "@/components/ui/scroll-region";

export type SimulationReply = SimulationResult & { activeVersion: number; problems: string[]; problemCount: number; ms: number };
export type SimulateInput =
  { source: "recent"; rules: Record<string, unknown>; limit: number } | { source: "upload"; rules: Record<string, unknown>; jsonl: string };

const MAX_FILE_BYTES = 800_000;

/** Runs the rules being edited and the published ones over the same intakes, and shows what would change. */
export function SimulationPanel({
  rules,
  disabled,
  simulate,
}: {
  rules: () => Record<string, unknown>;
  disabled: boolean;
  simulate: (input: SimulateInput) => Promise<ActionResult<SimulationReply>>;
}) {
  const [source, setSource] = useState<"recent" | "upload">("recent");
  const [limit, setLimit] = useState("1000");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<SimulationReply | null>(null);
  const [pending, start] = useTransition();

  const run = () =>
    start(async () => {
      setError(null);
      setFieldErrors({});
      // A result stays only beside the run that produced it: a new run that fails must not leave
      // the previous intakes' outcome on screen as if it were this file's.
      setResult(null);
      let input: SimulateInput;
      if (source === "upload") {
        if (!file) return setFieldErrors({ jsonl: ["choose a JSONL file of intake events"] });
        if (file.size > MAX_FILE_BYTES)
          return setFieldErrors({ jsonl: [`the file is larger than ${MAX_FILE_BYTES / 1000} KB; simulate the recent intakes or split it`] });
        input = { source, rules: rules(), jsonl: await file.text() };
      } else {
        input = { source, rules: rules(), limit: Number(limit) };
      }
      const reply = await simulate(input);
      if (reply.ok) setResult(reply.data);
      else {
        setError(actionErrorText(reply, { limit: "Number of recent intakes", jsonl: "JSONL file" }));
        setFieldErrors(reply.fieldErrors ?? {});
      }
    });

  return (
    <div className="space-y-4 px-4 py-3">
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="sr-only">Intakes to simulate</legend>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="radio" name="simulation-source" checked={source === "recent"} onChange={() => setSource("recent")} />
          The last
        </label>
        <div className="w-28">
          <Label htmlFor="simulation-limit" className="sr-only">
            Number of recent intakes
          </Label>
          <Input
            id="simulation-limit"
            inputMode="numeric"
            value={limit}
            disabled={source !== "recent"}
            aria-invalid={!!fieldErrors.limit}
            aria-describedby="simulation-limit-error"
            onChange={(e) => setLimit(e.target.value)}
          />
        </div>
        <span className="pb-2 text-sm text-slate-700">intakes</span>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="radio" name="simulation-source" checked={source === "upload"} onChange={() => setSource("upload")} />
          or a JSONL file of intake events
        </label>
        <div>
          <Label htmlFor="simulation-file" className="sr-only">
            JSONL file of intake events
          </Label>
          <input
            id="simulation-file"
            type="file"
            accept=".jsonl,.json,.txt,application/jsonl"
            className="text-sm"
            disabled={source !== "upload"}
            aria-describedby="simulation-file-error"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <Button variant="secondary" onClick={run} disabled={pending || disabled}>
          {pending ? "Simulating…" : "Run simulation"}
        </Button>
      </fieldset>
      <FieldError id="simulation-limit-error" messages={fieldErrors.limit} />
      <FieldError id="simulation-file-error" messages={fieldErrors.jsonl} />
      {disabled ? <p className="text-xs text-slate-500">Fix the problems above to simulate.</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {result ? <SimulationResultView result={result} /> : null}
    </div>
  );
}

function SimulationResultView({ result }: { result: SimulationReply }) {
  return (
    <div className="space-y-4" data-testid="simulation-result" aria-live="polite">
      <p className="text-sm text-slate-700">
        <strong data-testid="simulation-moved-count">{result.movedCount.toLocaleString("en")}</strong> of {result.total.toLocaleString("en")} intakes would be
        decided differently than by version {result.activeVersion} (simulated in {(result.ms / 1000).toFixed(1)} s).
        {result.problemCount > 0 ? ` ${result.problemCount} could not be read.` : ""}
      </p>
      {result.problems.length > 0 ? (
        <ul className="list-inside list-disc text-xs text-amber-800">
          {result.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}

      <div className="grid gap-4 md:grid-cols-2">
        <CountsTable caption="Decisions" column="Decision" keys={decisions} before={result.before.decisions} after={result.after.decisions} />
        <CountsTable
          caption="Priorities"
          column="Priority"
          keys={[...priorities, "none"] as const}
          before={result.before.priorities}
          after={result.after.priorities}
        />
      </div>

      {result.labelled ? <LabelledTable labelled={result.labelled} activeVersion={result.activeVersion} /> : null}

      {result.byReason.length > 0 ? (
        <table className="w-full text-left text-xs tabular-nums" data-testid="simulation-by-reason">
          <caption className="mb-1 text-left text-sm font-medium text-slate-800">Reasons among the leads that move</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                Reason
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Gained
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Lost
              </th>
            </tr>
          </thead>
          <tbody>
            {result.byReason.map((r) => (
              <tr key={r.reason} className="border-t border-slate-100">
                <th scope="row" className="px-2 py-1 font-mono font-normal">
                  {r.reason}
                </th>
                <td className="px-2 py-1 text-right">{r.gained}</td>
                <td className="px-2 py-1 text-right">{r.lost}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {result.movedCount > 0 ? (
        <ScrollRegion label="Leads that move" className="overflow-x-auto">
          <table className="w-full min-w-[560px] text-left text-xs" data-testid="simulation-moved">
            <caption className="mb-1 text-left text-sm font-medium text-slate-800">
              Leads that move{result.moved.length < result.movedCount ? ` (first ${result.moved.length})` : ""}
            </caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  Lead
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  Now
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  With these rules
                </th>
              </tr>
            </thead>
            <tbody>
              {result.moved.map((lead) => (
                <tr key={lead.id} className="border-t border-slate-100 align-top" data-testid="moved-lead">
                  <th scope="row" className="px-2 py-1 font-medium text-slate-900">
                    {lead.handoffId ? (
                      <Link href={`/handoffs/${lead.handoffId}`} className="text-brand-700 hover:underline">
                        {lead.label}
                      </Link>
                    ) : (
                      lead.label
                    )}
                  </th>
                  <td className="px-2 py-1">
                    <span className="font-medium">{describeOutcome(lead.from)}</span>
                    <span className="block text-slate-500">{lead.from.reasons.join(", ")}</span>
                  </td>
                  <td className="px-2 py-1">
                    <span className="font-medium">→ {describeOutcome(lead.to)}</span>
                    <span className="block text-slate-500">{lead.to.reasons.join(", ")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </div>
  );
}

/** An uploaded case file's labels, scored for both rule sets: the table `npm run triage:eval` prints. */
function LabelledTable({ labelled, activeVersion }: { labelled: LabelledScores; activeVersion: number }) {
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "–");
  const ratio = (v: number | null) => (v === null ? "–" : v.toFixed(2));
  const rows = labelled.before.reasons
    .map((before, i) => ({ before, after: labelled.after.reasons[i] }))
    .filter(
      ({ before, after }) =>
        before.truePositive + before.falsePositive + before.falseNegative + after!.truePositive + after!.falsePositive + after!.falseNegative > 0,
    );
  const cell = "px-2 py-1 text-right";
  return (
    <ScrollRegion label="Against the labels" className="overflow-x-auto">
      <table className="w-full min-w-[520px] text-left text-xs tabular-nums" data-testid="simulation-labelled">
        <caption className="mb-1 text-left text-sm font-medium text-slate-800">
          Against the labels of {labelled.cases.toLocaleString("en")} labelled leads: version {activeVersion} and these rules
        </caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-1 font-medium">
              Reason
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Precision now
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Precision with these rules
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Recall now
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Recall with these rules
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-t border-slate-100 font-medium">
            <th scope="row" className="px-2 py-1">
              Decision accuracy
            </th>
            <td className={cell} colSpan={2}>
              {pct(labelled.before.decisionCorrect, labelled.cases)} → {pct(labelled.after.decisionCorrect, labelled.cases)}
            </td>
            <td className={cell} colSpan={2}>
              unsafe misses {labelled.before.unsafe} → {labelled.after.unsafe}
            </td>
          </tr>
          {rows.map(({ before, after }) => (
            <tr key={before.reason} className="border-t border-slate-100">
              <th scope="row" className="px-2 py-1 font-mono font-normal">
                {before.reason}
              </th>
              <td className={cell}>{ratio(before.precision)}</td>
              <td className={cell}>{ratio(after!.precision)}</td>
              <td className={cell}>{ratio(before.recall)}</td>
              <td className={cell}>{ratio(after!.recall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function CountsTable<K extends string>({
  caption,
  column,
  keys,
  before,
  after,
}: {
  caption: string;
  column: string;
  keys: readonly K[];
  before: Record<K, number>;
  after: Record<K, number>;
}) {
  return (
    <table className="w-full text-left text-xs tabular-nums" data-testid={`simulation-${caption.toLowerCase()}`}>
      <caption className="mb-1 text-left text-sm font-medium text-slate-800">{caption}</caption>
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          <th scope="col" className="px-2 py-1 font-medium">
            {column}
          </th>
          <th scope="col" className="px-2 py-1 text-right font-medium">
            Now
          </th>
          <th scope="col" className="px-2 py-1 text-right font-medium">
            With these rules
          </th>
          <th scope="col" className="px-2 py-1 text-right font-medium">
            Change
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const change = after[key] - before[key];
          return (
            <tr key={key} className="border-t border-slate-100">
              <th scope="row" className="px-2 py-1 font-normal">
                {key}
              </th>
              <td className="px-2 py-1 text-right">{before[key].toLocaleString("en")}</td>
              <td className="px-2 py-1 text-right">{after[key].toLocaleString("en")}</td>
              <td
                className={
                  change > 0 ? "px-2 py-1 text-right text-green-800" : change < 0 ? "px-2 py-1 text-right text-red-700" : "px-2 py-1 text-right text-slate-500"
                }
              >
                {change > 0 ? `+${change}` : change}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
