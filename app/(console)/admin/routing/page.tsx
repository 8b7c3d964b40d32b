import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { RoutingRuleForm } from "@/components/admin/routing-rule-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { listRoutingRuleRows } from "@/db/queries/routing-rules";
import { listActiveUsers } from "@/db/queries/users";
import { listTeams } from "@/db/queries/teams";
import { describeMatch, describeTarget } from "@/lib/routing/describe-routing-rule";
import { FALLBACK_RULE_NAME } from "@/lib/routing/route";
import { routingMatchSchema, routingTargetSchema } from "@/lib/routing/schema";
import { pageActorWith } from "../../page-actor";
import { createRoutingRuleAction, deleteRoutingRuleAction, moveRoutingRuleAction, setRoutingRuleEnabledAction, updateRoutingRuleAction } from "./actions";

export const metadata: Metadata = { title: "Routing" };

export default async function RoutingPage() {
  await pageActorWith("admin.manage");
  const [rows, teams, people] = await Promise.all([listRoutingRuleRows(), listTeams(), listActiveUsers()]);
  const teamOptions = teams.map((t) => ({ id: t.id, name: t.name }));
  const peopleOptions = people.map((p) => ({ id: p.id, name: `${p.name ?? p.email} (${p.role})` }));
  const names = {
    team: (id: string) => teams.find((t) => t.id === id)?.name ?? "a removed team",
    user: (id: string) => people.find((p) => p.id === id)?.name ?? "a person no longer active",
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Routing</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Who receives each package. The first enabled rule, from the top, that matches the package and finds someone available places it; a rule that matches
          but finds nobody (everyone inactive or at capacity) passes to the next.
        </p>
      </div>
      <Card>
        <CardHeader title="Rules, in order" description="Move a rule up to let it decide before the ones below it." />
        <ol className="divide-y divide-slate-100" data-testid="routing-rules">
          {rows.map((row, index) => {
            const match = routingMatchSchema.safeParse(row.match);
            const target = routingTargetSchema.safeParse(row.target);
            const valid = match.success && target.success;
            return (
              <li key={row.id} className="px-4 py-3" data-testid="routing-rule">
                <div className="flex flex-wrap items-start gap-3">
                  <span className="mt-0.5 w-6 text-right text-sm tabular-nums text-slate-400">{index + 1}.</span>
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                      {row.name}
                      {row.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="slate">Disabled</Badge>}
                      {valid ? null : <Badge tone="red">Does not parse: skipped</Badge>}
                    </p>
                    {valid ? (
                      <p className="mt-0.5 text-sm text-slate-600">
                        {describeMatch(match.data, names)} → {describeTarget(target.data, names)}
                        {row.respectCapacity ? "" : " (ignores capacity)"}
                      </p>
                    ) : null}
                  </div>
                  <div className="flex flex-wrap gap-1.5">
                    <ActionButton
                      action={moveRoutingRuleAction}
                      fields={{ id: row.id, direction: "up" }}
                      success="Moved up."
                      disabled={index === 0}
                      aria-label={`Move ${row.name} up`}
                    >
                      ↑ Up
                    </ActionButton>
                    <ActionButton
                      action={moveRoutingRuleAction}
                      fields={{ id: row.id, direction: "down" }}
                      success="Moved down."
                      disabled={index === rows.length - 1}
                      aria-label={`Move ${row.name} down`}
                    >
                      ↓ Down
                    </ActionButton>
                    <ActionButton
                      action={setRoutingRuleEnabledAction}
                      fields={row.enabled ? { id: row.id } : { id: row.id, enabled: "on" }}
                      success={row.enabled ? "Rule disabled." : "Rule enabled."}
                    >
                      {row.enabled ? "Disable" : "Enable"}
                    </ActionButton>
                    <ActionButton
                      action={deleteRoutingRuleAction}
                      fields={{ id: row.id }}
                      success="Rule deleted."
                      variant="danger-outline"
                      confirm={`Delete the rule "${row.name}"?`}
                    >
                      Delete
                    </ActionButton>
                  </div>
                </div>
                <details className="mt-2 pl-9">
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit</summary>
                  <div className="mt-3">
                    <RoutingRuleForm
                      action={updateRoutingRuleAction}
                      idPrefix={`rule-${row.id}`}
                      submitLabel="Save rule"
                      teams={teamOptions}
                      people={peopleOptions}
                      initial={{
                        id: row.id,
                        name: row.name,
                        enabled: row.enabled,
                        respectCapacity: row.respectCapacity,
                        match: match.success ? match.data : {},
                        target: target.success ? target.data : { kind: "queue", teamId: null },
                      }}
                    />
                  </div>
                </details>
              </li>
            );
          })}
          <li className="bg-slate-50 px-4 py-3" data-testid="routing-fallback">
            <div className="flex gap-3">
              <span className="mt-0.5 w-6 text-right text-sm text-slate-400">—</span>
              <div>
                <p className="text-sm font-medium text-slate-900">{FALLBACK_RULE_NAME}</p>
                <p className="mt-0.5 text-sm text-slate-600">
                  When no rule places a package, it waits unowned in the queue of the team it came in for (the API key&apos;s or the chat&apos;s team), for
                  whoever takes it first. Always last; it cannot be removed.
                </p>
              </div>
            </div>
          </li>
        </ol>
      </Card>
      <Card>
        <CardHeader title="Add a rule" description="New rules go last, before the fallback; move them up to take effect sooner." />
        <CardBody>
          <RoutingRuleForm
            action={createRoutingRuleAction}
            idPrefix="new-rule"
            submitLabel="Add rule"
            teams={teamOptions}
            people={peopleOptions}
            initial={{ name: "", enabled: true, respectCapacity: true, match: {}, target: { kind: "round_robin", teamId: null } }}
          />
        </CardBody>
      </Card>
    </div>
  );
}
