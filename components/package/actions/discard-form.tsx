"use client";

import { ActionForm, type ActionFormProps } from "@/components/package/actions/action-form";
import { FieldError, Label, Select, Textarea } from "@/components/ui/field";
import { discardReasons } from "@/lib/handoffs/discard-reasons";

/** Why a package is discarded: a reason from the list, and a note when it is “Other”. */
type Props = ActionFormProps & {
  fieldErrors: Record<string, string[]>;
};

export function DiscardForm(props: Props) {
  const { pending, onSubmit, onCancel } = props;
  return (
    <ActionForm
      label="Discard package"
      tone="danger"
      submitLabel="Discard package"
      submitVariant="danger"
      pending={pending}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <div>
        <Label htmlFor="discard-reason">Why are you discarding it?</Label>
        <Select id="discard-reason" name="reason" defaultValue="" aria-invalid={Boolean(props.fieldErrors.reason)} aria-describedby="discard-reason-error">
          <option value="" disabled>
            Choose a reason…
          </option>
          {Object.entries(discardReasons).map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </Select>
        <FieldError id="discard-reason-error" messages={props.fieldErrors.reason} />
      </div>
      <div>
        <Label htmlFor="discard-note">Note (required for “Other”)</Label>
        <Textarea id="discard-note" name="note" maxLength={2000} aria-invalid={Boolean(props.fieldErrors.note)} aria-describedby="discard-note-error" />
        <FieldError id="discard-note-error" messages={props.fieldErrors.note} />
      </div>
    </ActionForm>
  );
}
