import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { MinutesField } from "@/components/admin/minutes-field";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/field";
import { listSlaPolicies } from "@/db/queries/sla-policies";
import { listTeams } from "@/db/queries/teams";
import { weekdays } from "@/lib/sla/team-calendar-input";
import { priorityLabels } from "@/lib/format";
import { pageActorWith } from "../../page-actor";
import { saveSlaPolicyAction, saveTeamCalendarAction } from "./actions";

export const metadata: Metadata = { title: "SLAs" };

const dayNames = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" } as const;
const policyLabels = { minutes: "Minutes", maxBreaches: "Breaches before nurture", priority: "Priority" };
const calendarLabels = {
  timeZone: "Time zone",
  ...Object.fromEntries(
    weekdays.flatMap((d) => [
      [`${d}Start`, `${dayNames[d]} opens`],
      [`${d}End`, `${dayNames[d]} closes`],
    ]),
  ),
};

export default async function SlasPage() {
  await pageActorWith("admin.manage");
  const [policies, teams] = await Promise.all([listSlaPolicies(), listTeams()]);
  const zones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">SLAs</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          How long a package may wait to be accepted, counted in the receiving team&apos;s business hours. Changes apply to packages routed from now on.
        </p>
      </div>
      <Card>
        <CardHeader
          title="Per priority"
          description="At half the time the owner is reminded; at all of it the package breaches. After the last allowed breach it is closed to nurture."
        />
        <ul className="divide-y divide-slate-100">
          {policies.map((policy) => (
            <li key={policy.priority} className="px-4 py-3" data-testid={`sla-${policy.priority}`}>
              <ActionForm
                action={saveSlaPolicyAction}
                success={`${priorityLabels[policy.priority]} SLA saved.`}
                fieldLabels={policyLabels}
                label={`${priorityLabels[policy.priority]} SLA`}
                className="flex flex-wrap items-start gap-4"
              >
                <input type="hidden" name="priority" value={policy.priority} />
                <p className="mt-6 flex h-9 w-24 items-center text-sm font-medium text-slate-900">{priorityLabels[policy.priority]}</p>
                <MinutesField id={`${policy.priority}-minutes`} name="minutes" label="Minutes" defaultValue={policy.minutes} />
                <div className="w-44">
                  <Label htmlFor={`${policy.priority}-breaches`}>Breaches before nurture</Label>
                  <Input id={`${policy.priority}-breaches`} name="maxBreaches" inputMode="numeric" defaultValue={policy.maxBreaches} />
                </div>
                <label className="mt-6 flex h-9 items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" name="reassignOnBreach" defaultChecked={policy.reassignOnBreach} className="size-4 rounded border-slate-300" />
                  Reassign on breach
                </label>
                <Button type="submit" size="sm" variant="secondary" className="mt-6.5">
                  Save
                </Button>
              </ActionForm>
            </li>
          ))}
        </ul>
      </Card>
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {teams.map((team) => (
        <Card key={team.id} data-testid="team-calendar">
          <CardHeader
            title={`${team.name}: business hours`}
            description="The SLA clock runs only while the team is open. A team with no open day works around the clock."
          />
          <CardBody>
            <ActionForm
              action={saveTeamCalendarAction}
              success={`${team.name}'s hours saved.`}
              fieldLabels={calendarLabels}
              label={`${team.name} business hours`}
              className="space-y-3"
            >
              <input type="hidden" name="teamId" value={team.id} />
              <div className="max-w-sm">
                <Label htmlFor={`${team.id}-zone`}>Time zone</Label>
                <Input id={`${team.id}-zone`} name="timeZone" list="time-zones" defaultValue={team.timeZone} placeholder="Europe/Madrid" />
              </div>
              <table className="text-sm">
                <caption className="sr-only">Opening hours of {team.name}</caption>
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="py-1 pr-2 font-medium sm:pr-4">Day</th>
                    <th className="py-1 pr-2 font-medium sm:pr-4">Open</th>
                    <th className="py-1 pr-2 font-medium sm:pr-4">From</th>
                    <th className="py-1 font-medium">To</th>
                  </tr>
                </thead>
                <tbody>
                  {weekdays.map((day) => {
                    const hours = team.businessHours[day];
                    return (
                      <tr key={day}>
                        <th scope="row" className="py-1 pr-2 text-left font-normal text-slate-800 sm:pr-4">
                          {dayNames[day]}
                        </th>
                        <td className="py-1 pr-2 sm:pr-4">
                          <input
                            type="checkbox"
                            name={`${day}Open`}
                            defaultChecked={Boolean(hours)}
                            aria-label={`Open on ${dayNames[day]}`}
                            className="size-4 rounded border-slate-300"
                          />
                        </td>
                        <td className="py-1 pr-2 sm:pr-4">
                          <Input
                            name={`${day}Start`}
                            defaultValue={hours?.[0] ?? "09:00"}
                            aria-label={`${dayNames[day]} opens`}
                            className="w-20 sm:w-24"
                            placeholder="09:00"
                          />
                        </td>
                        <td className="py-1">
                          <Input
                            name={`${day}End`}
                            defaultValue={hours?.[1] ?? "18:00"}
                            aria-label={`${dayNames[day]} closes`}
                            className="w-20 sm:w-24"
                            placeholder="18:00"
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <Button type="submit" size="sm">
                Save hours
              </Button>
            </ActionForm>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
