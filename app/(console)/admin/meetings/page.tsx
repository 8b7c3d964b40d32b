import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/field";
import { getMeetingSettings, listTeamBookingLinks, listUnmatchedMeetings } from "@/db/queries/meetings";
import { formatDateTime } from "@/lib/format";
import { pageActorWith } from "../../page-actor";
import { attachMeetingAction, saveMeetingSettingsAction, saveTeamBookingLinkAction } from "./actions";

export const metadata: Metadata = { title: "Meetings" };

export default async function MeetingsAdminPage() {
  await pageActorWith("admin.manage");
  const [settings, teams, unmatched] = await Promise.all([getMeetingSettings(), listTeamBookingLinks(), listUnmatchedMeetings()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Meetings</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Where the agent sends a good fit to book a call: the routed owner&apos;s own link (each person sets it under Notifications), else their team&apos;s,
          else the default below. With none, the agent promises no booking. Bookings come back through the Cal.com and Calendly webhooks (secrets on
          Connections).
        </p>
      </div>
      <Card>
        <CardHeader
          title="Default link and approval"
          description="https:// links only. Cal.com and Calendly links are prefilled with the lead's name, email and the package's reference."
        />
        <CardBody>
          <ActionForm
            action={saveMeetingSettingsAction}
            success="Meetings settings saved."
            fieldLabels={{ defaultBookingUrl: "Default booking link" }}
            label="Meetings settings"
            className="grid gap-3 md:grid-cols-[1fr_auto] md:items-end"
          >
            <div>
              <Label htmlFor="default-booking-url">Default booking link</Label>
              <Input
                id="default-booking-url"
                name="defaultBookingUrl"
                defaultValue={settings.defaultBookingUrl ?? ""}
                placeholder="https://cal.com/team/sales/diagnosis"
              />
            </div>
            <label className="flex items-center gap-2 text-sm text-slate-700 md:col-span-2">
              <input type="checkbox" name="emailNeedsApproval" defaultChecked={settings.emailNeedsApproval} className="size-4 rounded border-slate-300" />
              The booking-link email to a form or email lead waits for a person&apos;s approval
            </label>
            <div>
              <Button type="submit" size="sm">
                Save
              </Button>
            </div>
          </ActionForm>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Team links" description="A team's round-robin page, used when the owner has no link of their own. Leave blank to remove." />
        <CardBody className="space-y-3">
          {teams.length === 0 ? <p className="text-sm text-slate-500">No teams yet.</p> : null}
          {teams.map((team) => (
            <ActionForm
              key={team.teamId}
              action={saveTeamBookingLinkAction}
              success={`${team.teamName}'s link saved.`}
              fieldLabels={{ url: `${team.teamName} booking link` }}
              label={`${team.teamName} booking link`}
              className="flex flex-wrap items-end gap-3"
            >
              <input type="hidden" name="teamId" value={team.teamId} />
              <div className="min-w-72 flex-1">
                <Label htmlFor={`team-link-${team.teamId}`}>{team.teamName}</Label>
                <Input id={`team-link-${team.teamId}`} name="url" defaultValue={team.url ?? ""} placeholder="https://calendly.com/your-team/diagnosis" />
              </div>
              <Button type="submit" size="sm" variant="secondary">
                Save
              </Button>
            </ActionForm>
          ))}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Bookings that matched no package"
          description="Neither a Baton reference nor the invitee's email led to an open package. Attach one by pasting the package's link or id."
        />
        {unmatched.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500" data-testid="unmatched-empty">
              None: every booking found its package.
            </p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="unmatched-bookings">
            {unmatched.map((m) => (
              <li key={m.id} className="flex flex-wrap items-end justify-between gap-3 px-4 py-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-slate-900">
                    {m.inviteeName ?? "Someone"} {m.inviteeEmail ? `<${m.inviteeEmail}>` : ""}
                  </p>
                  <p className="text-slate-600">
                    {m.provider === "calcom" ? "Cal.com" : "Calendly"} · {m.startsAt ? formatDateTime(m.startsAt) : "time unknown"}
                    {m.organizerName ? ` with ${m.organizerName}` : ""} · {m.status.replace("_", "-")}
                  </p>
                </div>
                <ActionForm
                  action={attachMeetingAction}
                  success="Booking attached to the package."
                  fieldLabels={{ handoffId: "Package" }}
                  label="Attach booking"
                  className="flex items-end gap-2"
                >
                  <input type="hidden" name="meetingId" value={m.id} />
                  <div>
                    <Label htmlFor={`attach-${m.id}`}>Package</Label>
                    <Input id={`attach-${m.id}`} name="handoffId" placeholder="…/handoffs/<id>" className="w-72" />
                  </div>
                  <Button type="submit" size="sm" variant="secondary">
                    Attach
                  </Button>
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
