"use client";

import { ActionForm, type ActionFormProps } from "@/components/package/actions/action-form";
import { FieldError, Input, Label, Select, Textarea } from "@/components/ui/field";
import { currencies } from "@/lib/handoffs/command-schemas";

/** The deal a converted package became: its value and currency, whether a meeting is booked, a note. */
type Props = ActionFormProps & {
  fieldErrors: Record<string, string[]>;
};

export function ConvertForm(props: Props) {
  const { pending, onSubmit, onCancel } = props;
  // The browser's locale decides how an ambiguous amount such as "1.234" reads (lib/handoffs/typed-amount.ts).
  return (
    <ActionForm
      label="Convert package"
      tone="success"
      submitLabel="Mark converted"
      pending={pending}
      onSubmit={onSubmit}
      onCancel={onCancel}
      prepare={(form) => form.set("locale", navigator.language)}
    >
      <div className="grid grid-cols-3 gap-2">
        <div className="col-span-2">
          <Label htmlFor="convert-value">Deal value</Label>
          <Input
            id="convert-value"
            name="valueAmount"
            inputMode="decimal"
            placeholder="12,000.50"
            aria-invalid={Boolean(props.fieldErrors.valueAmount)}
            aria-describedby="convert-value-error"
          />
          <FieldError id="convert-value-error" messages={props.fieldErrors.valueAmount} />
        </div>
        <div>
          <Label htmlFor="convert-currency">Currency</Label>
          <Select id="convert-currency" name="valueCurrency" defaultValue="EUR">
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="meetingBooked" className="size-4 rounded border-slate-300" /> A meeting was booked outside any integration
      </label>
      <div>
        <Label htmlFor="convert-note">Note</Label>
        <Textarea id="convert-note" name="note" maxLength={2000} />
      </div>
    </ActionForm>
  );
}
