import type { Metadata } from "next";
import { RulesEditor } from "@/components/rules/rules-editor";
import { VersionHistory } from "@/components/rules/version-history";
import { Card, CardHeader } from "@/components/ui/card";
import { ruleQuality } from "@/db/queries/metrics";
import { findRuleSetDraft, listRuleSetVersions } from "@/db/queries/rules";
import { formatDateTime } from "@/lib/format";
import { addDays, parseMetricsParams, toDay } from "@/lib/metrics/params";
import { activeRuleSet } from "@/lib/rules/published";
import { precisionByRule } from "@/lib/rules/rule-precision";
import { ruleSetSchema } from "@/lib/rules/schema";
import { pageActorWith } from "../../page-actor";
import { publishRulesAction, restoreRulesVersionAction, saveRulesDraftAction, simulateRulesAction } from "./actions";

export const metadata: Metadata = { title: "Escalation rules" };

const PRECISION_DAYS = 90;

export default async function RulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageActorWith("admin.manage");

  const search = await searchParams;
  // Metrics link a fired reason as `rule:signal` (default.escalate:risk.pricing); the editor's row is the rule.
  const highlightRule = typeof search.rule === "string" && search.rule ? (search.rule.split(":")[0] ?? null) : null;
  const now = new Date();
  const { params } = parseMetricsParams({ from: addDays(toDay(now), -(PRECISION_DAYS - 1)) }, now);
  const [published, draft, versions, quality] = await Promise.all([
    activeRuleSet(),
    findRuleSetDraft(),
    listRuleSetVersions(),
    ruleQuality({ range: params.range, byRuleId: true }),
  ]);
  // A draft saved under an older schema that no longer parses is set aside: the form starts from the published rules.
  const parsedDraft = draft ? ruleSetSchema.safeParse(draft.rules) : null;
  const initial = parsedDraft?.success ? parsedDraft.data : published.ruleSet;
  const highlightMissing = highlightRule !== null && !initial.rules.some((r) => r.id === highlightRule);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Escalation rules</h1>
        <p className="text-sm text-slate-500">
          Version {published.version} decides every new intake. Edit below, simulate on real intakes, then publish: the next intake uses the new version.
        </p>
      </div>
      {highlightMissing ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="rule-not-found">
          No rule named “{highlightRule}” in the rules being edited: it may belong to an earlier version (see the history below).
        </p>
      ) : null}
      <RulesEditor
        initial={initial}
        revision={`${published.version}:${parsedDraft?.success ? "draft" : "published"}`}
        startedFrom={
          parsedDraft?.success && draft ? { kind: "draft", savedAt: formatDateTime(draft.createdAt) } : { kind: "published", version: published.version }
        }
        publishedVersion={published.version}
        precision={precisionByRule(quality)}
        highlightRule={highlightRule}
        saveDraft={saveRulesDraftAction}
        publish={publishRulesAction}
        simulate={simulateRulesAction}
      />
      <Card>
        <CardHeader
          title="Version history"
          description="Every published version stays as it was. Restoring publishes a copy of an earlier version as the next version."
        />
        <VersionHistory versions={versions} restore={restoreRulesVersionAction} />
      </Card>
    </div>
  );
}
