"use client";

import { ActionForm, type ActionFormProps } from "@/components/package/actions/action-form";
import { Label, Select, Textarea } from "@/components/ui/field";

/** A manager's reassignment: the new owner (or the team queue) and a note for them. */
type Props = ActionFormProps & {
  assignees: { id: string; label: string }[];
  currentOwnerId: string | null;
};

export function ReassignForm(props: Props) {
  const { pending, onSubmit, onCancel } = props;
  return (
    <ActionForm label="Reassign package" tone="neutral" submitLabel="Reassign" pending={pending} onSubmit={onSubmit} onCancel={onCancel}>
      <div>
        <Label htmlFor="reassign-owner">New owner</Label>
        <Select id="reassign-owner" name="ownerId" defaultValue={props.currentOwnerId ?? "unassigned"}>
          <option value="unassigned">Unassigned (team queue)</option>
          {props.assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="reassign-note">Note for the new owner</Label>
        <Textarea id="reassign-note" name="note" maxLength={2000} />
      </div>
    </ActionForm>
  );
}
