import { z } from "zod";
import { allArticles } from "@/db/queries/knowledge";
import { requireRole } from "@/lib/auth/guard";
import { rolesFor } from "@/lib/auth/roles";
import { GENERIC_ERROR_MESSAGE, UserError } from "@/lib/errors";
import { exportJsonl, exportMarkdown } from "@/lib/knowledge/import-articles";
import { logger } from "@/lib/logger";

const formatSchema = z.enum(["jsonl", "markdown"], { message: '"format" must be jsonl or markdown' });

/** GET /admin/knowledge/export?format=jsonl|markdown: every article (drafts too), as a file an import reads back. */
export async function GET(request: Request) {
  try {
    await requireRole(...rolesFor("admin.manage"));
    const format = formatSchema.safeParse(new URL(request.url).searchParams.get("format") ?? "jsonl");
    if (!format.success) throw new UserError("bad_request", format.error.issues[0]?.message ?? "format: jsonl or markdown");
    const rows = (await allArticles()).map((r) => ({
      key: r.key,
      title: r.title,
      language: r.language as "en" | "es",
      tags: r.tags,
      body: r.body,
      status: r.status,
    }));
    const markdown = format.data === "markdown";
    return new Response(markdown ? exportMarkdown(rows) : exportJsonl(rows), {
      headers: {
        "content-type": markdown ? "text/markdown; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="knowledge-base.${markdown ? "md" : "jsonl"}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof UserError) return error.toResponse();
    logger.error("knowledge export failed", { route: "GET /admin/knowledge/export", error });
    return Response.json({ error: { code: "internal", message: GENERIC_ERROR_MESSAGE } }, { status: 500 });
  }
}
