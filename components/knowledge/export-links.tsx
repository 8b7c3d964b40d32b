/** Plain download links: the export route answers with the file as an attachment. */
export function KnowledgeExportLinks() {
  return (
    <div className="flex flex-wrap gap-3 text-sm">
      <a href="/admin/knowledge/export?format=jsonl" download className="font-medium text-brand-700 hover:underline">
        Export as JSONL
      </a>
      <a href="/admin/knowledge/export?format=markdown" download className="font-medium text-brand-700 hover:underline">
        Export as Markdown
      </a>
    </div>
  );
}
