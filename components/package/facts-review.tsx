"use client";

import { useState } from "react";
import { Check, Pencil } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FieldError, Input } from "@/components/ui/field";
import { usePackageAction, type PackageAction } from "@/components/package/use-package-action";
import type { HandoffPackage } from "@/lib/contract/package";
import { humanize } from "@/lib/format";

export type FactsReviewProps = {
  handoffId: string;
  version: number;
  facts: HandoffPackage["facts"];
  /** Who confirmed, corrected or answered which field: shown beside the confirmed fact it produced. */
  reviewedBy: Record<string, { kind: "confirm" | "correct" | "answer"; actorName: string | null }>;
  /** Null when the person may only read the package. */
  review: PackageAction | null;
};

const reviewLabels = { confirm: "confirmed", correct: "corrected", answer: "answered" } as const;

/** What we know: confirmed, inferred (confirm or correct in one click) and open (answer in one click). */
export function FactsReview({ handoffId, version, facts, reviewedBy, review }: FactsReviewProps) {
  const { confirmed, inferred, openQuestions } = facts;
  const { run, pending, fieldErrors } = usePackageAction(handoffId, version);
  const [editing, setEditing] = useState<string | null>(null);
  const send = (values: Record<string, string>, success: string) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    // Reads an ambiguous number in a correction ("1.200") as this person writes numbers.
    data.set("locale", navigator.language);
    run(review!, data, success, () => setEditing(null));
  };

  return (
    <Card aria-labelledby="facts-heading">
      <CardHeader id="facts-heading" title="What we know" description="Confirmed by the lead, inferred by the agent, and still open: kept apart on purpose." />
      <CardBody className="grid gap-4 md:grid-cols-3">
        <div data-testid="facts-confirmed">
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-emerald-700">Confirmed ({confirmed.length})</h3>
          <ul className="space-y-2 text-sm">
            {confirmed.map((fact, i) => {
              const by = reviewedBy[fact.field];
              return (
                <li key={i} data-testid="confirmed-fact">
                  <span className="text-slate-500">{fieldLabel(fact.field)}</span> <span className="font-medium">{fact.value}</span>
                  {by ? (
                    <p className="text-xs text-emerald-700">
                      {humanize(reviewLabels[by.kind])} by {by.actorName ?? "a colleague"}
                    </p>
                  ) : (
                    <p className="text-xs text-slate-500 italic">“{fact.fragment}”</p>
                  )}
                </li>
              );
            })}
            {confirmed.length === 0 && <li className="text-slate-400">Nothing stated yet.</li>}
          </ul>
        </div>
        <div data-testid="facts-inferred">
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-amber-700">Inferred ({inferred.length})</h3>
          <ul className="space-y-3 text-sm">
            {inferred.map((fact, i) => {
              const id = `inferred-${i}`;
              return (
                <li key={`${fact.field}-${i}`} data-testid="inferred-fact">
                  <span className="text-slate-500">{humanize(fact.field)}:</span> <span className="font-medium">{fact.value}</span>
                  <p className="text-xs text-slate-500">Basis: {fact.basis}</p>
                  {review && editing !== id ? (
                    <div className="mt-1 flex gap-1">
                      <Button
                        size="sm"
                        variant="secondary"
                        className="h-7 px-2 text-xs"
                        disabled={pending}
                        aria-label={`Confirm ${humanize(fact.field).toLowerCase()}`}
                        onClick={() =>
                          send(
                            { target: "inferred", index: String(i), key: fact.field, action: "confirm" },
                            `Confirmed: ${humanize(fact.field).toLowerCase()}.`,
                          )
                        }
                      >
                        <Check className="size-3.5" aria-hidden /> Confirm
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        className="h-7 px-2 text-xs"
                        disabled={pending}
                        aria-label={`Correct ${humanize(fact.field).toLowerCase()}`}
                        onClick={() => setEditing(id)}
                      >
                        <Pencil className="size-3.5" aria-hidden /> Correct
                      </Button>
                    </div>
                  ) : null}
                  {review && editing === id ? (
                    <ValueForm
                      label={`Right value for ${humanize(fact.field).toLowerCase()}`}
                      initial={fact.value}
                      submitText="Save correction"
                      pending={pending}
                      errors={fieldErrors.value}
                      onCancel={() => setEditing(null)}
                      onSubmit={(value) =>
                        send(
                          { target: "inferred", index: String(i), key: fact.field, action: "correct", value },
                          `Corrected: ${humanize(fact.field).toLowerCase()}.`,
                        )
                      }
                    />
                  ) : null}
                </li>
              );
            })}
            {inferred.length === 0 && <li className="text-slate-400">No inferences.</li>}
          </ul>
        </div>
        <div data-testid="facts-open">
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Open questions ({openQuestions.length})</h3>
          <ul className="space-y-3 text-sm">
            {openQuestions.map((q, i) => {
              const id = `open-${i}`;
              return (
                <li key={`${q}-${i}`} data-testid="open-question">
                  <p>{q}</p>
                  {review && editing !== id ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="mt-1 h-7 px-2 text-xs"
                      disabled={pending}
                      aria-label={`Answer: ${q}`}
                      onClick={() => setEditing(id)}
                    >
                      <Pencil className="size-3.5" aria-hidden /> Answer
                    </Button>
                  ) : null}
                  {review && editing === id ? (
                    <ValueForm
                      label={`Answer to: ${q}`}
                      initial=""
                      submitText="Save answer"
                      pending={pending}
                      errors={fieldErrors.value}
                      onCancel={() => setEditing(null)}
                      onSubmit={(value) => send({ target: "open_question", index: String(i), key: q, action: "answer", value }, "Answer saved.")}
                    />
                  ) : null}
                </li>
              );
            })}
            {openQuestions.length === 0 && <li className="text-slate-400">None.</li>}
          </ul>
        </div>
      </CardBody>
    </Card>
  );
}

// An answered question is its own label; a field name gets a colon.
function fieldLabel(field: string): string {
  return field.endsWith("?") ? field : `${humanize(field)}:`;
}

function ValueForm(props: {
  label: string;
  initial: string;
  submitText: string;
  pending: boolean;
  errors?: string[];
  onCancel: () => void;
  onSubmit: (value: string) => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <form
      className="mt-1 space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(value);
      }}
    >
      <Input
        aria-label={props.label}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        maxLength={1000}
        autoFocus
        aria-invalid={Boolean(props.errors)}
        aria-describedby="fact-value-error"
      />
      <FieldError id="fact-value-error" messages={props.errors} />
      <div className="flex gap-1">
        <Button type="submit" size="sm" className="h-7 px-2 text-xs" disabled={props.pending}>
          {props.submitText}
        </Button>
        <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
