import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArticleForm } from "@/components/knowledge/article-form";
import { MarkdownView } from "@/components/knowledge/markdown-view";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { findArticle, listArticleVersions } from "@/db/queries/knowledge";
import { formatDateTime } from "@/lib/format";
import { pageActorWith } from "../../../page-actor";
import { saveArticleAction } from "../actions";

export const metadata: Metadata = { title: "Article" };

export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  await pageActorWith("admin.manage");
  const { id } = await params;
  const article = /^[0-9a-f-]{36}$/i.test(id) ? await findArticle({ id }) : null;
  if (!article) notFound();
  const versions = await listArticleVersions({ articleId: article.id });
  return (
    <div className="space-y-6">
      <Link href="/admin/knowledge" className="text-sm text-brand-700 hover:underline">
        ← Knowledge base
      </Link>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={`Edit: ${article.title}`} description={`Version ${article.version} · ${article.status === "published" ? "published" : "draft"}`} />
          <CardBody>
            <ArticleForm action={saveArticleAction} article={{ ...article, id: article.id, version: article.version }} />
          </CardBody>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader title="As the agent reads it" description="Rendered from the saved Markdown; raw HTML is shown as text." />
            <CardBody>
              <h2 className="mb-2 text-base font-semibold text-slate-900">{article.title}</h2>
              <MarkdownView markdown={article.body} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Versions" description="Every save is kept." />
            <ul className="divide-y divide-slate-100" data-testid="version-list">
              {versions.map((v) => (
                <li key={v.version} className="px-4 py-2 text-sm">
                  <details>
                    <summary className="cursor-pointer">
                      v{v.version} · {formatDateTime(v.createdAt)} <Badge tone={v.status === "published" ? "green" : "slate"}>{v.status}</Badge> {v.title}
                    </summary>
                    <div className="mt-2">
                      <MarkdownView markdown={v.body} />
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </div>
  );
}
