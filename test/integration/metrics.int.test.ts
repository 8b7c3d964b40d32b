import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { discardReasons, loadDashboard, metricBreakdown, metricFunnel, metricTotals, metricTrend, ruleQuality } from "@/db/queries/metrics";
import { rawMetricTotals } from "@/db/queries/metrics-raw";
import { withinHistogramError } from "@/lib/metrics/duration-histogram";
import { handoffEvents, handoffs, packageCorrections, type HandoffPriority, type HandoffStatus } from "@/db/schema";
import type { ReasonCode } from "@/lib/contract/package";
import { flagPoorEscalation } from "@/lib/handoffs/flag-escalation";
import { parseMetricsParams } from "@/lib/metrics/params";
import { createHandoff, createTeam, createUser, minimalPackage } from "../support/factories";

/*
 * A hand-built month (March 2001: no other test writes there) whose every figure is worked out by
 * hand below. "Now" is 2001-04-10, so the two untouched packages are overdue.
 *
 *      created (UTC)     priority   status        chan  campaign  intent       reasons               owner  SLA due  first action   value     meeting
 * P1   03-01 10:00       immediate  converted     form  spring    quote        high_value            Rita   10:15    10:05 (300 s)  1000 EUR  yes
 * P2   03-02 09:00       immediate  discarded     chat  -         information  high_value, risk      Rita   09:15    09:30 (1800 s) -         -    flagged: high_value; not_a_fit
 * P3   03-03 12:00       normal     accepted      form  spring    quote        ambiguity             Bruno  16:00    13:00 (3600 s)
 * P4   03-05 08:00       normal     in_follow_up  email -         audit        ambiguity             Bruno  12:00    08:10 (600 s)            yes
 * P5   03-08 10:00       nurture    pending       form  spring    information  low_risk_fit          -      03-11    none (overdue)
 * P6   03-09 10:00       normal     converted     chat  partner   quote        high_value (rules v2) Bruno  14:00    10:20 (1200 s) 500 USD
 * P7   03-10             agent act (no priority)                                                                  counted only as triaged
 * P8   03-11             agent filter (no priority)                                                               counted only as triaged
 * P10  03-31 23:30       immediate  pending       form  -         diagnosis    risk                  -      23:45    none (overdue)
 * P9   04-02             outside the range
 */
const now = new Date("2001-04-10T12:00:00Z");
const { params } = parseMetricsParams({ from: "2001-03-01", to: "2001-03-31" }, now);
const range = params.range;
const at = (iso: string) => new Date(`2001-${iso}:00Z`);

type Spec = {
  created: string;
  priority: HandoffPriority | null;
  decision?: "act" | "filter";
  status?: HandoffStatus;
  channel?: "form" | "chat" | "email";
  campaign?: string;
  intent?: string;
  reasons?: ReasonCode[];
  ruleVersion?: number;
  owner?: "rita" | "bruno";
  team: "north" | "south";
  slaDue?: string;
  acceptedAt?: string;
  value?: [number, string];
  meeting?: boolean;
  discardReason?: string;
  /** When a person first wrote to the lead (stamped by the messages trigger in the app). */
  humanContact?: string;
  userEvents?: { at: string; type: string; data?: Record<string, unknown> }[];
};

let ids: Record<"rita" | "bruno" | "north" | "south", string>;

let firstPackageId = "";

async function insert(spec: Spec) {
  const pkg = minimalPackage("Lead");
  const reasons = spec.reasons ?? [];
  const [row] = await db
    .insert(handoffs)
    .values({
      decision: spec.decision ?? "escalate",
      priority: spec.priority,
      status: spec.status ?? "pending",
      channel: spec.channel ?? "form",
      campaign: spec.campaign ?? null,
      intent: spec.intent ?? "other",
      reasons,
      ruleVersion: spec.ruleVersion ?? 1,
      ownerId: spec.owner ? ids[spec.owner] : null,
      teamId: ids[spec.team],
      createdAt: at(spec.created),
      slaDueAt: at(spec.slaDue ?? spec.created),
      acceptedAt: spec.acceptedAt ? at(spec.acceptedAt) : null,
      firstHumanContactAt: spec.humanContact ? at(spec.humanContact) : null,
      valueAmount: spec.value?.[0] ?? null,
      valueCurrency: spec.value?.[1] ?? null,
      meetingBooked: spec.meeting ?? false,
      discardReason: spec.discardReason ?? null,
      package: { ...pkg, reasons: reasons.map((code) => ({ code, evidence: "fixture", rule: `default.${code}` })) },
    })
    .returning();
  await db.insert(handoffEvents).values({ handoffId: row!.id, type: "created", actorKind: "agent", createdAt: at(spec.created) });
  for (const event of spec.userEvents ?? []) {
    await db
      .insert(handoffEvents)
      .values({ handoffId: row!.id, type: event.type, actorKind: "user", actorId: ids[spec.owner ?? "rita"], data: event.data ?? {}, createdAt: at(event.at) });
  }
  return row!.id;
}

beforeAll(async () => {
  const north = (await createTeam(`Metrics North ${Date.now()}`))!.id;
  const south = (await createTeam(`Metrics South ${Date.now()}`))!.id;
  const rita = (await createUser({ role: "rep", teamId: north, name: "Rita North" })).id;
  const bruno = (await createUser({ role: "rep", teamId: south, name: "Bruno South" })).id;
  ids = { north, south, rita, bruno };

  firstPackageId = await insert({
    created: "03-01T10:00",
    priority: "immediate",
    status: "converted",
    campaign: "spring",
    intent: "quote",
    reasons: ["high_value"],
    owner: "rita",
    team: "north",
    slaDue: "03-01T10:15",
    acceptedAt: "03-01T10:05",
    value: [1000, "EUR"],
    meeting: true,
    humanContact: "03-01T10:10",
    userEvents: [
      { at: "03-01T10:05", type: "status_changed" },
      { at: "03-04T10:00", type: "status_changed" },
    ],
  });
  await insert({
    created: "03-02T09:00",
    priority: "immediate",
    status: "discarded",
    channel: "chat",
    intent: "information",
    reasons: ["high_value", "risk"],
    owner: "rita",
    team: "north",
    slaDue: "03-02T09:15",
    discardReason: "not_a_fit",
    userEvents: [
      { at: "03-02T09:30", type: "status_changed" },
      { at: "03-02T09:31", type: "poor_escalation_flagged", data: { reason: "high_value", rule: "default.high_value", ruleVersion: 1 } },
    ],
  });
  // Its events arrive out of order: the earlier one still decides the first action.
  await insert({
    created: "03-03T12:00",
    priority: "normal",
    status: "accepted",
    campaign: "spring",
    intent: "quote",
    reasons: ["ambiguity"],
    owner: "bruno",
    team: "south",
    slaDue: "03-03T16:00",
    acceptedAt: "03-03T13:00",
    userEvents: [
      { at: "03-03T14:00", type: "note" },
      { at: "03-03T13:00", type: "status_changed" },
    ],
  });
  await insert({
    created: "03-05T08:00",
    priority: "normal",
    status: "in_follow_up",
    channel: "email",
    intent: "audit",
    reasons: ["ambiguity"],
    owner: "bruno",
    team: "south",
    slaDue: "03-05T12:00",
    acceptedAt: "03-05T08:10",
    meeting: true,
    humanContact: "03-05T08:30",
    userEvents: [{ at: "03-05T08:10", type: "status_changed" }],
  });
  await insert({
    created: "03-08T10:00",
    priority: "nurture",
    campaign: "spring",
    intent: "information",
    reasons: ["low_risk_fit"],
    team: "south",
    slaDue: "03-11T10:00",
  });
  await insert({
    created: "03-09T10:00",
    priority: "normal",
    status: "converted",
    channel: "chat",
    campaign: "partner",
    intent: "quote",
    reasons: ["high_value"],
    ruleVersion: 2,
    owner: "bruno",
    team: "south",
    slaDue: "03-09T14:00",
    acceptedAt: "03-09T10:20",
    value: [500, "USD"],
    userEvents: [{ at: "03-09T10:20", type: "status_changed" }],
  });
  await insert({ created: "03-10T10:00", priority: null, decision: "act", team: "north" });
  await insert({ created: "03-11T10:00", priority: null, decision: "filter", team: "north" });
  await insert({ created: "04-02T10:00", priority: "immediate", reasons: ["risk"], team: "north", slaDue: "04-02T10:15" });
  await insert({ created: "03-31T23:30", priority: "immediate", intent: "diagnosis", reasons: ["risk"], team: "north", slaDue: "03-31T23:45" });
});

describe("manager metrics on a hand-built month", () => {
  it("totals: counts, rates, time to first action, SLA breaches, poor escalations and value", async () => {
    const { firstActionMedianSeconds, firstActionP90Seconds, firstHumanContactMedianSeconds, firstHumanContactP90Seconds, ...totals } = await metricTotals({
      range,
      now,
    });
    // The exact percentiles, from the raw rows: 300, 600, 1200, 1800, 3600 s to the first action, the
    // middle one and 60% of the way from 1800 to 3600 for p90; two packages heard from a person after
    // 600 s and 1800 s. The dashboard reads them off the duration histograms, within their 2%.
    const exact = await rawMetricTotals({ range, now });
    expect([exact.firstActionMedianSeconds, exact.firstActionP90Seconds, exact.firstHumanContactMedianSeconds, exact.firstHumanContactP90Seconds]).toEqual([
      1200, 2880, 1200, 1680,
    ]);
    for (const [estimate, figure] of [
      [firstActionMedianSeconds, 1200],
      [firstActionP90Seconds, 2880],
      [firstHumanContactMedianSeconds, 1200],
      [firstHumanContactP90Seconds, 1680],
    ] as const) {
      expect(withinHistogramError(estimate, figure), `${estimate} for ${figure}`).toBe(true);
    }
    expect(totals).toEqual({
      created: 7,
      accepted: 4,
      inFollowUp: 1,
      discarded: 1,
      converted: 2,
      meetings: 2,
      actioned: 5,
      slaBreached: 3,
      poorEscalations: 1,
      convertedValue: [
        { currency: "EUR", amount: 1000 },
        { currency: "USD", amount: 500 },
      ],
      acceptanceRate: 4 / 7,
      conversionRate: 2 / 7,
      discardRate: 1 / 7,
      slaBreachRate: 3 / 7,
      poorEscalationRate: 1 / 7,
    });
  });

  it("by reason: a package with two reasons counts under each", async () => {
    const rows = await metricBreakdown({ range, by: "reason", now });
    expect(rows.map((r) => [r.key, r.created, r.accepted, r.converted, r.discarded, r.slaBreached])).toEqual([
      ["high_value", 3, 2, 2, 1, 1],
      ["ambiguity", 2, 2, 0, 0, 0],
      ["risk", 2, 0, 0, 1, 2],
      ["low_risk_fit", 1, 0, 0, 0, 1],
    ]);
    expect(rows[0]!.convertedValue).toEqual([
      { currency: "EUR", amount: 1000 },
      { currency: "USD", amount: 500 },
    ]);
  });

  it("by owner, team, priority, channel, campaign, intent and rule version", async () => {
    const by = async (dimension: Parameters<typeof metricBreakdown>[0]["by"]) =>
      (await metricBreakdown({ range, by: dimension, now })).map((r) => [r.label, r.created, r.converted]);
    expect(await by("owner")).toEqual([
      ["Bruno South", 3, 1],
      ["Rita North", 2, 1],
      ["Unassigned", 2, 0],
    ]);
    expect((await by("team")).map(([label, ...rest]) => [String(label).replace(/ \d+$/, ""), ...rest])).toEqual([
      ["Metrics South", 4, 1],
      ["Metrics North", 3, 1],
    ]);
    expect(await by("priority")).toEqual([
      ["immediate", 3, 1],
      ["normal", 3, 1],
      ["nurture", 1, 0],
    ]);
    expect(await by("channel")).toEqual([
      ["form", 4, 1],
      ["chat", 2, 1],
      ["email", 1, 0],
    ]);
    // Ties go by label.
    expect(await by("campaign")).toEqual([
      ["No campaign", 3, 0],
      ["spring", 3, 1],
      ["partner", 1, 1],
    ]);
    expect(await by("intent")).toEqual([
      ["quote", 3, 2],
      ["information", 2, 0],
      ["audit", 1, 0],
      ["diagnosis", 1, 0],
    ]);
    expect(await by("rule_version")).toEqual([
      ["Version 1", 6, 1],
      ["Version 2", 1, 1],
    ]);
    // Speed to lead per channel: the email package was first written to after 30 minutes, the form
    // one after 10 (within the histograms' 2%), the chat one not at all.
    const contact = (await metricBreakdown({ range, by: "channel", now })).map((r) => [
      r.label,
      r.firstHumanContactMedianSeconds,
      r.firstHumanContactP90Seconds,
    ]);
    expect(contact.map(([label]) => label)).toEqual(["form", "chat", "email"]);
    const expected = { form: 600, chat: null, email: 1800 } as Record<string, number | null>;
    for (const [label, median, p90] of contact) {
      expect(withinHistogramError(median as number | null, expected[label as string]!), `${label} median ${median}`).toBe(true);
      expect(withinHistogramError(p90 as number | null, expected[label as string]!), `${label} p90 ${p90}`).toBe(true);
    }
  });

  it("the funnel: triaged, escalated, accepted, meeting, converted", async () => {
    expect(await metricFunnel({ range })).toEqual({ triaged: 9, escalated: 7, accepted: 4, meeting: 2, converted: 2 });
  });

  it("the trend has every day or ISO week of the range, empty ones as zero", async () => {
    const days = await metricTrend({ range, every: "day" });
    expect(days).toHaveLength(31);
    expect(days[0]).toEqual({ bucket: "2001-03-01", created: 1, accepted: 1, converted: 1, discarded: 0 });
    expect(days[1]).toEqual({ bucket: "2001-03-02", created: 1, accepted: 0, converted: 0, discarded: 1 });
    expect(days[30]).toEqual({ bucket: "2001-03-31", created: 1, accepted: 0, converted: 0, discarded: 0 });
    expect(days.reduce((sum, d) => sum + d.created, 0)).toBe(7);
    expect(await metricTrend({ range, every: "week" })).toEqual([
      { bucket: "2001-02-26", created: 3, accepted: 2, converted: 1, discarded: 1 },
      { bucket: "2001-03-05", created: 3, accepted: 2, converted: 1, discarded: 0 },
      { bucket: "2001-03-12", created: 0, accepted: 0, converted: 0, discarded: 0 },
      { bucket: "2001-03-19", created: 0, accepted: 0, converted: 0, discarded: 0 },
      { bucket: "2001-03-26", created: 1, accepted: 0, converted: 0, discarded: 0 },
    ]);
  });

  it("discard reasons", async () => {
    expect(await discardReasons({ range })).toEqual([{ reason: "not_a_fit", count: 1, share: 1 }]);
  });

  it("escalation quality per rule and version: good is accepted or converted, bad is discarded or flagged for that rule", async () => {
    const rows = await ruleQuality({ range });
    expect(rows.map((r) => [r.rule, r.ruleVersion, r.produced, r.good, r.bad, r.flagged, r.precision])).toEqual([
      ["default.ambiguity", 1, 2, 2, 0, 0, 1],
      ["default.high_value", 1, 2, 1, 1, 1, 0.5],
      ["default.risk", 1, 2, 0, 1, 0, 0],
      ["default.high_value", 2, 1, 1, 0, 0, 1],
      ["default.low_risk_fit", 1, 1, 0, 0, 0, null],
    ]);
  });
});

describe("agent accuracy on the dashboard", () => {
  it("counts the reviews made in the range: 3 confirmed, 1 corrected (75%), answers apart, the day after the range left out", async () => {
    const review = (kind: "confirm" | "correct" | "answer", day: string) =>
      db
        .insert(packageCorrections)
        .values({ handoffId: firstPackageId, actorId: ids.rita, kind, field: "volume", before: "200", after: "200", createdAt: at(day) });
    for (const [kind, day] of [
      ["confirm", "03-02T10:00"],
      ["confirm", "03-10T10:00"],
      ["confirm", "03-31T23:59"],
      ["correct", "03-05T10:00"],
      ["answer", "03-06T10:00"],
      ["correct", "04-01T00:00"],
    ] as const) {
      await review(kind, day);
    }
    const dashboard = await loadDashboard({ range, by: "priority", every: "day", now });
    expect(dashboard.agentAccuracy).toEqual({ confirmed: 3, corrected: 1, answered: 1, accuracy: 0.75 });
    expect(dashboard.totals.created).toBe(7);
  });
});

describe("the timeline keeps the metrics columns", () => {
  it("the first person's event sets the first action; an agent's does not; a flag sets the poor-escalation time", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const h = await createHandoff({ teamId });
    const read = async () => (await db.select().from(handoffs).where(eq(handoffs.id, h!.id)))[0];
    expect(await read()).toMatchObject({ firstActionAt: null, poorEscalationAt: null });
    await flagPoorEscalation({ actor: rep, handoffId: h!.id, reason: "high_value", comment: "Two people, not two hundred." });
    const flagged = await read();
    expect(flagged!.firstActionAt).toBeInstanceOf(Date);
    expect(flagged!.poorEscalationAt).toEqual(flagged!.firstActionAt);
    await db.insert(handoffEvents).values({ handoffId: h!.id, type: "note", actorKind: "user", actorId: rep.id, createdAt: new Date(Date.now() + 60_000) });
    expect((await read())!.firstActionAt).toEqual(flagged!.firstActionAt);
  });
});

describe("escalation quality by rule id (the rules editor's rows)", () => {
  it("groups a rule's signals under the rule and counts each package once", async () => {
    const team = await createTeam();
    const { params: june } = parseMetricsParams({ from: "2001-06-01", to: "2001-06-30" }, new Date("2001-07-01T00:00:00Z"));
    const reasons = (...rules: string[]) => rules.map((rule) => ({ code: "risk" as const, evidence: "fixture", rule }));
    const one = await createHandoff({ teamId: team!.id, createdAt: new Date("2001-06-03T10:00:00Z"), status: "converted" });
    const two = await createHandoff({ teamId: team!.id, createdAt: new Date("2001-06-04T10:00:00Z"), status: "discarded" });
    await db
      .update(handoffs)
      .set({
        acceptedAt: new Date("2001-06-03T10:05:00Z"),
        package: { ...minimalPackage("A"), reasons: reasons("default.escalate:risk.pricing", "default.escalate:volume.monthly_leads") },
      })
      .where(eq(handoffs.id, one!.id));
    await db
      .update(handoffs)
      .set({ package: { ...minimalPackage("B"), reasons: reasons("default.escalate:risk.pricing", "default.ask.missing_data") } })
      .where(eq(handoffs.id, two!.id));

    const bySignal = await ruleQuality({ range: june.range });
    expect(bySignal.map((r) => [r.rule, r.produced]).sort()).toEqual([
      ["default.ask.missing_data", 1],
      ["default.escalate:risk.pricing", 2],
      ["default.escalate:volume.monthly_leads", 1],
    ]);
    const byRule = await ruleQuality({ range: june.range, byRuleId: true });
    expect(byRule.map((r) => [r.rule, r.produced, r.good, r.bad]).sort()).toEqual([
      ["default.ask.missing_data", 1, 0, 1],
      ["default.escalate", 2, 1, 1],
    ]);
  });
});
