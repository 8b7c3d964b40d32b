"use client";

import { useRef, useState } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select, Textarea } from "@/components/ui/field";

/** JSONL lines or Markdown articles, pasted or read from files (an export's own files); nothing is imported unless all of it reads. */
export function ImportArticlesForm({ action }: { action: FormAction<{ created: number; updated: number }> }) {
  const text = useRef<HTMLTextAreaElement>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  // Files are read in the browser into the same field, so a file import is checked exactly as a paste.
  const readFiles = async (files: FileList | null) => {
    if (!files?.length || !text.current) return;
    const contents = await Promise.all([...files].map((f) => f.text()));
    const jsonl = contents.every((c) => c.trimStart().startsWith("{"));
    text.current.value = contents.map((c) => c.trim()).join(jsonl ? "\n" : "\n\n");
    setFileNote(`${files.length} file${files.length === 1 ? "" : "s"} read: check the text below, then import.`);
  };
  return (
    <ActionForm
      action={action}
      label="Import articles"
      success={(d) => `Imported: ${d.created} new, ${d.updated} updated.`}
      fieldLabels={{ text: "Import", status: "Status" }}
      resetOnSuccess
      className="space-y-3"
    >
      <div>
        <Label htmlFor="import-text">Articles to import</Label>
        <Textarea ref={text} id="import-text" name="text" rows={6} className="font-mono" required />
      </div>
      <div>
        <Label htmlFor="import-files">Or read files (.md or .jsonl)</Label>
        <Input
          id="import-files"
          type="file"
          accept=".md,.markdown,.jsonl,.txt,text/markdown,application/jsonl"
          multiple
          onChange={(e) => void readFiles(e.currentTarget.files)}
        />
        {fileNote ? (
          <p role="status" className="mt-1 text-xs text-slate-600" data-testid="import-files-read">
            {fileNote}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <Label htmlFor="import-status">Import as</Label>
          <Select id="import-status" name="status" defaultValue="draft">
            <option value="draft">Drafts</option>
            <option value="published">Published</option>
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Import
        </Button>
      </div>
    </ActionForm>
  );
}
