import { describe, expect, it } from "vitest";
import type { HandoffPackage } from "@/lib/contract/package";
import { emailMessage } from "@/lib/notifications/email-message";
import { buildNotice, summaryLines } from "@/lib/notifications/notice";
import { slackMessage } from "@/lib/notifications/slack-message";

const pkg = {
  summary:
    "Ana Ruiz (Acme) asked for an audit.\nNeed: qualify <500> leads & more.\nContext: 120 employees.\nTiming: this month.\nRisk: asked about an NDA.\nNext step: call Ana.",
  reasons: [
    { code: "risk", evidence: "we need an NDA first", rule: "default.risk" },
    { code: "high_value", evidence: "120 employees", rule: "default.high_value" },
  ],
  nextStep: { action: "call", owner: null, why: "Risk: settle the NDA question first." },
} as unknown as HandoffPackage;

const notice = (event: Parameters<typeof buildNotice>[0]["event"], over: Partial<Parameters<typeof buildNotice>[0]> = {}) =>
  buildNotice({
    event,
    appUrl: "https://baton.example.com/",
    handoff: {
      id: "h-1",
      priority: "immediate",
      leadName: "Ana Ruiz",
      companyName: "Acme",
      summary: pkg.summary,
      slaDueAt: new Date("2026-11-25T09:15:00Z"),
      package: pkg,
    },
    ownerName: "Dana Reyes",
    teamName: "Inbound EMEA",
    ...over,
  });

describe("notices", () => {
  it("say what happened, to whom, by when, with the link", () => {
    const created = notice("created");
    expect(created.title).toBe("Immediate handoff: Ana Ruiz, Acme");
    expect(created.ask).toBe("Accept it by 2026-11-25 09:15 UTC.");
    expect(created.url).toBe("https://baton.example.com/handoffs/h-1");
    expect(created.reasons).toEqual(["Risk: “we need an NDA first”", "High value: “120 employees”"]);
    expect(notice("breach", { breaches: 1, maxBreaches: 2 }).title).toBe("SLA breached (1 of 2): Ana Ruiz, Acme, owner Dana Reyes");
    expect(notice("reminder", { step: "due" }).title).toBe("SLA reached, still not accepted: Ana Ruiz, Acme");
    expect(notice("created", { ownerName: null }).title).toBe("Immediate handoff: Ana Ruiz, Acme");
    expect(notice("breach", { ownerName: null }).ask).toContain("the Inbound EMEA queue did not accept it");
  });

  it("keep the summary to at most 8 lines", () => {
    expect(summaryLines(pkg.summary)).toHaveLength(6);
    expect(summaryLines(Array.from({ length: 12 }, (_, i) => `Line ${i}`).join("\n"))).toHaveLength(8);
  });

  it("Slack: Block Kit with priority, summary, reasons, next step and a URL button; lead text escaped", () => {
    const message = slackMessage(notice("created"), "Dana Reyes");
    expect(message.text).toBe("For Dana Reyes: Immediate handoff: Ana Ruiz, Acme");
    expect(message.blocks.map((b) => b.type)).toEqual(["header", "context", "section", "section", "actions"]);
    expect(JSON.stringify(message.blocks[2])).toContain("qualify &lt;500&gt; leads &amp; more");
    expect(JSON.stringify(message.blocks[3])).toContain("*Next step*\\nCall: Risk: settle the NDA question first.");
    expect(message.blocks[4]).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Open the package" },
          style: "primary",
          url: "https://baton.example.com/handoffs/h-1",
          action_id: "package.open",
        },
      ],
    });
  });

  it("email: plain text and HTML with the summary and the link, HTML escaped", () => {
    const mail = emailMessage(notice("created"), "Dana Reyes");
    expect(mail.subject).toBe("[Baton] Immediate handoff: Ana Ruiz, Acme");
    expect(mail.text).toContain("Hi Dana Reyes,");
    expect(mail.text).toContain("Need: qualify <500> leads & more.");
    expect(mail.text).toContain("Open the package: https://baton.example.com/handoffs/h-1");
    expect(mail.html).toContain("qualify &lt;500&gt; leads &amp; more");
    expect(mail.html).toContain('href="https://baton.example.com/handoffs/h-1"');
    expect(mail.html).not.toContain("<500>");
  });
});
