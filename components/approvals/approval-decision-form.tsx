"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";

export type DecideApprovalAction = (form: FormData) => Promise<ActionResult<{ id: string; status: string }>>;

/** Approve or deny at the version on screen; an email's subject and body can be edited first. */
export function ApprovalDecisionForm(props: { approvalId: string; version: number; actionType: string; params: Record<string, unknown>; decide: DecideApprovalAction }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const isEmail = props.actionType === "send_email";
  const id = (name: string) => `approval-${props.approvalId}-${name}`;
  const otherParams = Object.entries(props.params).filter(([k]) => !(isEmail && (k === "subject" || k === "body" || k === "infoRequestId")));

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
              <dt className="text-slate-600">{key}</dt>
              <dd className="break-words text-slate-900">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {isEmail ? (
        <>
          <div>
            <Label htmlFor={id("subject")}>Subject</Label>
            <Input id={id("subject")} name="subject" defaultValue={String(props.params.subject ?? "")} maxLength={200} aria-invalid={Boolean(errors.subject)} aria-describedby={id("subject-error")} />
            <FieldError id={id("subject-error")} messages={errors.subject} />
          </div>
          <div>
            <Label htmlFor={id("body")}>Body</Label>
            <Textarea id={id("body")} name="body" defaultValue={String(props.params.body ?? "")} rows={6} maxLength={20000} aria-invalid={Boolean(errors.body)} aria-describedby={id("body-error")} />
            <FieldError id={id("body-error")} messages={errors.body} />
          </div>
        </>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" size="sm" disabled={pending}>
          {pending ? "Saving…" : isEmail ? "Approve and send" : "Approve"}
        </Button>
        <Button type="submit" name="decision" value="deny" size="sm" variant="secondary" disabled={pending}>
          Deny
        </Button>
      </div>
    </form>
  );
}
