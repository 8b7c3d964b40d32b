import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/admin/action-button";
import { KnowledgeExportLinks } from "@/components/knowledge/export-links";
import { ImportArticlesForm } from "@/components/knowledge/import-form";
import { LimitsForm } from "@/components/knowledge/limits-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getLimitSettings, listArticles, recentGaps } from "@/db/queries/knowledge";
import { formatDateTime } from "@/lib/format";
import { groupGaps } from "@/lib/knowledge/gaps";
import { defaultNeverAnswerTopics, topicLabels } from "@/lib/knowledge/limits";
import { pageActorWith } from "../../page-actor";
import { importArticlesAction, saveLimitsAction, setArticleStatusAction } from "./actions";

export const metadata: Metadata = { title: "Knowledge base" };

export default async function KnowledgePage() {
  await pageActorWith("admin.manage");
  const [articles, gapRows, limitSettings] = await Promise.all([listArticles(), recentGaps(), getLimitSettings()]);
  const limits = defaultNeverAnswerTopics.map((topic) => {
    const saved = limitSettings?.find((s) => s.id === topic.id);
    return {
      id: topic.id,
      label: topicLabels[topic.id],
      enabled: saved?.enabled ?? true,
      extraTerms: saved?.extraTerms ?? [],
      examples: topic.terms
        .filter((_, i) => i % 9 === 0)
        .slice(0, 4)
        .join(", "),
    };
  });
  const gaps = groupGaps(gapRows).slice(0, 30);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-lg font-semibold text-slate-900">Knowledge base</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            What the agent answers from, in the lead&apos;s language. It quotes the paragraph of a published article that answers the question, and never
            answers prices, discounts, contract terms, guarantees or commitments: those go to a person.
          </p>
        </div>
        <Link
          href="/admin/knowledge/new"
          className="inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
        >
          New article
        </Link>
      </div>

      <Card>
        <CardHeader
          title="Articles"
          description="Answered: how often an article answered a lead. Marked wrong: how often the owner said that answer was wrong."
        />
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="article-list">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Title</th>
                <th className="px-4 py-2 font-medium">Language</th>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Version</th>
                <th className="px-4 py-2 text-right font-medium">Answered</th>
                <th className="px-4 py-2 text-right font-medium">Marked wrong</th>
                <th className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {articles.map((a) => (
                <tr key={a.id} data-testid="article-row" data-key={a.key} data-language={a.language}>
                  <td className="px-4 py-2">
                    <Link href={`/admin/knowledge/${a.id}`} className="font-medium text-slate-900 hover:underline">
                      {a.title}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {a.key} · updated {formatDateTime(a.updatedAt)}
                    </p>
                  </td>
                  <td className="px-4 py-2 uppercase text-slate-600">{a.language}</td>
                  <td className="px-4 py-2">
                    <Badge tone={a.status === "published" ? "green" : "slate"}>{a.status === "published" ? "Published" : "Draft"}</Badge>
                  </td>
                  <td className="px-4 py-2 text-slate-600">v{a.version}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{a.answered}</td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {a.markedWrong > 0 ? <span className="font-medium text-red-700">{a.markedWrong}</span> : 0}
                  </td>
                  <td className="px-4 py-2 text-right">
                    <ActionButton
                      action={setArticleStatusAction}
                      fields={{ id: a.id, status: a.status === "published" ? "draft" : "published" }}
                      success={a.status === "published" ? `"${a.title}" unpublished.` : `"${a.title}" published.`}
                      aria-label={`${a.status === "published" ? "Unpublish" : "Publish"} ${a.title} (${a.language})`}
                    >
                      {a.status === "published" ? "Unpublish" : "Publish"}
                    </ActionButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Limits"
          description="Topics the agent never answers itself, whatever an article says: it tells the lead a person will answer, and the rules read the question as always."
        />
        <CardBody>
          <LimitsForm action={saveLimitsAction} topics={limits} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Gaps" description="Questions leads asked that the agent did not answer, grouped when they ask the same thing: what to write next." />
        {gaps.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">No unanswered questions yet.</p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="gap-list">
            {gaps.map((gap) => (
              <li key={`${gap.language}:${gap.question}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="gap-row">
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-slate-900">&ldquo;{gap.question}&rdquo;</p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {gap.language.toUpperCase()} · asked {gap.count} {gap.count === 1 ? "time" : "times"} · {describeOutcomes(gap.outcomes, gap.topic)} · last{" "}
                    {formatDateTime(gap.lastAsked)}
                    {gap.examples.length ? ` · also: ${gap.examples.map((e) => `“${e}”`).join(", ")}` : ""}
                  </p>
                </div>
                {gap.outcomes.no_confident_answer ? (
                  <Link
                    href={`/admin/knowledge/new?question=${encodeURIComponent(gap.question)}&language=${gap.language}`}
                    className="text-sm font-medium text-brand-700 hover:underline"
                  >
                    Write an article from this
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <CardHeader
          title="Import and export"
          description="JSONL (one article a line: key, title, language, tags, body) or Markdown articles, each starting with its --- block (key, title, language, tags). An article whose key and language exist gets a new version."
        />
        <CardBody className="space-y-4">
          <KnowledgeExportLinks />
          <ImportArticlesForm action={importArticlesAction} />
        </CardBody>
      </Card>
    </div>
  );
}

function describeOutcomes(outcomes: Record<string, number>, topic: string | null): string {
  const parts: string[] = [];
  if (outcomes.no_confident_answer) parts.push(`no confident answer ${outcomes.no_confident_answer}`);
  if (outcomes.never_answer) parts.push(`refused${topic ? ` (${topic})` : ""} ${outcomes.never_answer}`);
  return parts.join(", ");
}
