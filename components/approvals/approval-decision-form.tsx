"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Select, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { editableParams, paramValue, type ExecutableAction, type ParamField } from "@/lib/approvals/action-params";
import { actionErrorText } from "@/lib/action-error-text";
import { keyInWords, valueInWords } from "@/lib/approvals/change-in-words";

export type DecideApprovalAction = (form: FormData) => Promise<ActionResult<{ id: string; status: string }>>;

/**
 * Approve or deny at the version on screen. The parameters a person can correct are fields (a stage
 * or status is a select of the values the CRM takes), checked by the action's own schema on approve,
 * each problem shown at its field; the rest are shown as they are. `mayApprove` false (four-eyes: the
 * person drafted it) leaves only Deny.
 */
export function ApprovalDecisionForm(props: {
  approvalId: string;
  version: number;
  actionType: string;
  params: Record<string, unknown>;
  decide: DecideApprovalAction;
  /** Problems the request has as it stands, by field: shown before anyone tries to approve. */
  problems?: Record<string, string[]>;
  mayApprove?: { ok: true } | { ok: false; reason: string };
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>(props.problems ?? {});
  const fields: readonly ParamField[] = editableParams[props.actionType as ExecutableAction] ?? [];
  const fieldKeys = new Set(fields.flatMap((f) => [f.name, ...(f.aliases ?? [])]));
  const id = (name: string) => `approval-${props.approvalId}-${name}`;
  const otherParams = Object.entries(props.params).filter(([k]) => k !== "infoRequestId" && !fieldKeys.has(k));
  const mayApprove = props.mayApprove ?? { ok: true };

  const submit = (form: HTMLFormElement, decision: "approve" | "deny") =>
    startTransition(async () => {
      const data = new FormData(form);
      data.set("approvalId", props.approvalId);
      data.set("version", String(props.version));
      data.set("decision", decision);
      const result = await props.decide(data);
      if (result.ok) {
        toast.success(decision === "approve" ? "Approved: the agent runs it now." : "Denied: nothing will run.");
        setErrors({});
      } else {
        setErrors(result.fieldErrors ?? {});
        toast.error(actionErrorText(result));
      }
      if (result.ok || result.code === "conflict") router.refresh();
    });

  return (
    <form
      className="mt-3 space-y-2 border-t border-slate-100 pt-3"
      aria-label="Decide this request"
      onSubmit={(e) => {
        e.preventDefault();
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        submit(e.currentTarget, submitter?.value === "deny" ? "deny" : "approve");
      }}
    >
      {otherParams.length ? (
        <dl className="grid grid-cols-[6rem_1fr] gap-x-2 gap-y-1 text-xs" data-testid="approval-params">
          {otherParams.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-600" title={key}>
                {keyInWords(key)}
              </dt>
              <dd className="break-words text-slate-900">{valueInWords(value, key)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {fields.length ? (
        <fieldset className={fields.length > 2 && props.actionType !== "send_email" ? "grid gap-2 sm:grid-cols-2" : "space-y-2"} disabled={pending}>
          <legend className="sr-only">Parameters (correct them before approving)</legend>
          {fields.map((field) => (
            <ParamInput key={field.name} field={field} id={id(field.name)} value={paramValue(props.params, field)} errors={errors[field.name]} />
          ))}
        </fieldset>
      ) : null}
      <FieldError id={id("params-error")} messages={errors.params} />
      {!mayApprove.ok ? (
        <p className="text-xs text-slate-600" data-testid="approval-four-eyes">
          {mayApprove.reason}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {mayApprove.ok ? (
          <Button type="submit" name="decision" value="approve" size="sm" disabled={pending}>
            {pending ? "Saving…" : props.actionType === "send_email" ? "Approve and send" : "Approve"}
          </Button>
        ) : null}
        <Button type="submit" name="decision" value="deny" size="sm" variant="secondary" disabled={pending}>
          Deny
        </Button>
      </div>
    </form>
  );
}

function ParamInput({ field, id, value, errors }: { field: ParamField; id: string; value: string; errors?: string[] }) {
  const common = {
    id,
    name: field.name,
    defaultValue: value,
    "aria-invalid": Boolean(errors?.length),
    "aria-describedby": errors?.length ? `${id}-error` : undefined,
  };
  const known = field.options?.some((o) => o.value === value);
  return (
    <div className={field.input === "textarea" ? "sm:col-span-2" : undefined}>
      <Label htmlFor={id}>{field.label}</Label>
      {field.input === "select" ? (
        <Select {...common}>
          {/* A value the agent proposed that the CRM does not take stays selected and named, so approving unchanged is refused at this field. */}
          {!value || !known ? (
            <option value={value} disabled={!value}>
              {value ? `“${value}”: not a value the CRM takes` : "Choose…"}
            </option>
          ) : null}
          {field.options!.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      ) : field.input === "textarea" ? (
        <Textarea {...common} rows={6} maxLength={field.maxLength} />
      ) : (
        <Input
          {...common}
          type={field.input === "number" ? "text" : field.input}
          inputMode={field.input === "number" ? "decimal" : undefined}
          maxLength={field.maxLength}
        />
      )}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
