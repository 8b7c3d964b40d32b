"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";

type Invited = { id: string; email: string; delivered: boolean; deliveryError: string | null };
const fieldLabels = { name: "Name", email: "Email", role: "Role", teamId: "Team", capacity: "Capacity" };

/** Invites a person: they get an emailed single-use link to choose their password (no password is ever shown here). */
export function CreateUserForm({ action, teams }: { action: FormAction<Invited>; teams: { id: string; name: string }[] }) {
  const [created, setCreated] = useState<Invited | null>(null);
  return (
    <div className="space-y-3">
      <ActionForm
        action={action}
        success={(d) => (d.delivered ? `Invitation sent to ${d.email}.` : `${d.email} added, but the invitation email was not sent.`)}
        fieldLabels={fieldLabels}
        onDone={setCreated}
        resetOnSuccess
        label="New user"
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
      >
        <div>
          <Label htmlFor="new-user-name">Name</Label>
          <Input id="new-user-name" name="name" required maxLength={200} />
        </div>
        <div>
          <Label htmlFor="new-user-email">Email</Label>
          <Input id="new-user-email" name="email" type="email" required />
        </div>
        <div>
          <Label htmlFor="new-user-role">Role</Label>
          <Select id="new-user-role" name="role" defaultValue="rep">
            <option value="rep">Rep</option>
            <option value="manager">Manager</option>
            <option value="admin">Admin</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="new-user-team">Team</Label>
          <Select id="new-user-team" name="teamId" defaultValue={teams[0]?.id ?? ""}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="new-user-capacity">Capacity (open immediate packages)</Label>
          <Input id="new-user-capacity" name="capacity" inputMode="numeric" defaultValue={10} />
        </div>
        <div className="sm:col-span-2 lg:col-span-3">
          <Button type="submit">Send invitation</Button>
        </div>
      </ActionForm>
      {created && !created.delivered ? (
        <p role="alert" data-testid="invitation-not-sent" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          The invitation to {created.email} was not sent ({created.deliveryError}). Check outgoing email on Connections, then use &ldquo;Send invitation
          again&rdquo; on their row.
        </p>
      ) : null}
    </div>
  );
}
