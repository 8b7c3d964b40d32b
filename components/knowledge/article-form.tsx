"use client";

import { useRouter } from "next/navigation";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select, Textarea } from "@/components/ui/field";

export type ArticleFormValues = { id?: string; version?: number; key: string; title: string; language: string; tags: string[]; body: string; status: string };

const fieldLabels = { key: "Key", title: "Title", language: "Language", tags: "Tags", body: "Body", status: "Status" };

/** Create or edit one article; saving writes a new version. */
export function ArticleForm({ action, article }: { action: FormAction<{ id: string; version: number }>; article: ArticleFormValues }) {
  const router = useRouter();
  return (
    <ActionForm
      action={action}
      label="Article"
      success={(data) => `Saved as version ${data.version}.`}
      fieldLabels={fieldLabels}
      onDone={(data) => {
        if (!article.id) router.push(`/admin/knowledge/${data.id}`);
      }}
      className="space-y-4"
    >
      <input type="hidden" name="id" value={article.id ?? ""} />
      <input type="hidden" name="expectedVersion" value={article.version ?? ""} />
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <Label htmlFor="article-title">Title</Label>
          <Input id="article-title" name="title" defaultValue={article.title} required maxLength={160} />
        </div>
        <div>
          <Label htmlFor="article-language">Language</Label>
          <Select id="article-language" name="language" defaultValue={article.language}>
            <option value="en">English</option>
            <option value="es">Spanish</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="article-key">Key</Label>
          <Input id="article-key" name="key" defaultValue={article.key} required maxLength={80} placeholder="crm-integrations" />
          <p className="mt-1 text-xs text-slate-500">Ties the languages of one article together.</p>
        </div>
        <div>
          <Label htmlFor="article-tags">Tags</Label>
          <Input id="article-tags" name="tags" defaultValue={article.tags.join(", ")} placeholder="CRM, HubSpot" />
          <p className="mt-1 text-xs text-slate-500">Comma-separated; they weigh like the title.</p>
        </div>
        <div>
          <Label htmlFor="article-status">Status</Label>
          <Select id="article-status" name="status" defaultValue={article.status}>
            <option value="draft">Draft (the agent does not use it)</option>
            <option value="published">Published</option>
          </Select>
        </div>
      </div>
      <div>
        <Label htmlFor="article-body">Body (Markdown)</Label>
        <Textarea id="article-body" name="body" defaultValue={article.body} required rows={14} className="font-mono" />
        <p className="mt-1 text-xs text-slate-500">Short paragraphs: the agent quotes the paragraph that answers the question, word for word.</p>
      </div>
      <Button type="submit">Save</Button>
    </ActionForm>
  );
}
