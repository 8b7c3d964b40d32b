import type { Metadata } from "next";
import Link from "next/link";
import { ArticleForm } from "@/components/knowledge/article-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { pageActorWith } from "../../../page-actor";
import { saveArticleAction } from "../actions";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageActorWith("admin.manage");
  const params = await searchParams;
  const question = typeof params.question === "string" ? params.question.slice(0, 500) : "";
  const language = params.language === "es" ? "es" : "en";
  return (
    <div className="space-y-6">
      <Link href="/admin/knowledge" className="text-sm text-brand-700 hover:underline">
        ← Knowledge base
      </Link>
      <Card>
        <CardHeader title="New article" description={question ? `Written from a lead's question: “${question}”` : "Saved as a draft unless you publish it."} />
        <CardBody>
          <ArticleForm action={saveArticleAction} article={{ key: "", title: question, language, tags: [], body: "", status: "draft" }} />
        </CardBody>
      </Card>
    </div>
  );
}
