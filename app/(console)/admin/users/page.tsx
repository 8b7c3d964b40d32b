import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { PersonName } from "@/components/layout/person-name";
import { ActionForm } from "@/components/admin/action-form";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { listUsersForAdmin } from "@/db/queries/users";
import { listTeams } from "@/db/queries/teams";
import { pageActorWith } from "../../page-actor";
import { formatDateTime } from "@/lib/format";
import { inviteUserAction, resendInvitationAction, setUserActiveAction, updateUserAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await pageActorWith("admin.manage");
  const [people, teams] = await Promise.all([listUsersForAdmin(), listTeams()]);
  const teamOptions = teams.map((t) => ({ id: t.id, name: t.name }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Users</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Who can sign in, what they may do, and how many immediate packages routing gives each at once. Deactivating someone signs them out at their next
          click; their packages stay where they are.
        </p>
      </div>
      <Card>
        <CardHeader title="Invite a user" description="They get an email with a single-use link, valid 7 days, to choose their password." />
        <CardBody>
          <CreateUserForm action={inviteUserAction} teams={teamOptions} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="People" description={`${people.filter((p) => p.active).length} active, ${people.filter((p) => !p.active).length} deactivated`} />
        <ul className="divide-y divide-slate-100" data-testid="user-list">
          {people.map((person) => (
            <li key={person.id} className="flex flex-wrap items-end gap-3 px-4 py-3" data-testid="user-row" data-email={person.email}>
              <div className="min-w-48 flex-1">
                <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                  <PersonName name={person.name ?? person.email} className="min-w-0" />
                  {person.id === actor.id ? <Badge tone="blue">You</Badge> : null}
                  {person.active ? null : <Badge tone="amber">Deactivated</Badge>}
                  {person.passwordSet || person.lastSignInAt ? null : <Badge tone="slate">Invited</Badge>}
                </p>
                <p className="text-xs wrap-anywhere text-slate-500">{person.email}</p>
                <p className="text-xs text-slate-500" data-testid="last-sign-in">
                  {person.lastSignInAt
                    ? `Last signed in ${formatDateTime(person.lastSignInAt)}${person.lastSignInMethod === "sso" ? " with single sign-on" : " with a password"}`
                    : "Never signed in"}
                </p>
              </div>
              <ActionForm
                action={updateUserAction}
                success={`${person.email} updated.`}
                fieldLabels={{ role: "Role", teamId: "Team", capacity: "Capacity" }}
                label={`Change ${person.email}`}
                className="flex flex-wrap items-end gap-2"
              >
                <input type="hidden" name="userId" value={person.id} />
                <Select name="role" defaultValue={person.role} aria-label={`Role of ${person.email}`} className="w-28">
                  <option value="rep">Rep</option>
                  <option value="manager">Manager</option>
                  <option value="admin">Admin</option>
                </Select>
                <Select name="teamId" defaultValue={person.teamId ?? ""} aria-label={`Team of ${person.email}`} className="w-44">
                  <option value="">No team</option>
                  {teamOptions.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </Select>
                <Input name="capacity" defaultValue={person.capacity} inputMode="numeric" aria-label={`Capacity of ${person.email}`} className="w-20" />
                <Button type="submit" size="sm" variant="secondary">
                  Save
                </Button>
              </ActionForm>
              {person.active && !person.passwordSet ? (
                <ActionButton
                  action={resendInvitationAction}
                  fields={{ userId: person.id }}
                  success={`Invitation sent again to ${person.email}.`}
                  variant="secondary"
                >
                  Send invitation again
                </ActionButton>
              ) : null}
              <ActionButton
                action={setUserActiveAction}
                fields={{ userId: person.id, active: person.active ? "false" : "true" }}
                success={person.active ? `${person.email} deactivated.` : `${person.email} reactivated.`}
                variant={person.active ? "danger-outline" : "secondary"}
                confirm={person.active ? `Deactivate ${person.email}? They are signed out at once.` : undefined}
              >
                {person.active ? "Deactivate" : "Reactivate"}
              </ActionButton>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
