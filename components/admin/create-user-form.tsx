"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { ShownOnce } from "@/components/admin/shown-once";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";

type Created = { id: string; email: string; generatedPassword: string | null };
const fieldLabels = { name: "Name", email: "Email", role: "Role", teamId: "Team", capacity: "Capacity", password: "Initial password" };

export function CreateUserForm({ action, teams }: { action: FormAction<Created>; teams: { id: string; name: string }[] }) {
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <div className="space-y-3">
      <ActionForm action={action} success={(d) => `${d.email} can now sign in.`} fieldLabels={fieldLabels} onDone={setCreated} resetOnSuccess label="New user" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
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
        <div>
          <Label htmlFor="new-user-password">Initial password (blank: generate one)</Label>
          <Input id="new-user-password" name="password" type="password" autoComplete="new-password" />
        </div>
        <div className="sm:col-span-2 lg:col-span-3">
          <Button type="submit">Create user</Button>
        </div>
      </ActionForm>
      {created?.generatedPassword ? (
        <ShownOnce title={`Password for ${created.email}`} value={created.generatedPassword} testId="generated-password" note="Shown once: give it to them now. Only a hash is kept, so it cannot be shown again." />
      ) : null}
    </div>
  );
}
