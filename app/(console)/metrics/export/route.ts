import { z } from "zod";
import { loadDashboard } from "@/db/queries/metrics";
import { requireRole } from "@/lib/auth/guard";
import { rolesFor } from "@/lib/auth/roles";
import { GENERIC_ERROR_MESSAGE, UserError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { exportTables, metricsCsv } from "@/lib/metrics/export";
import { parseMetricsParams } from "@/lib/metrics/params";

const tableSchema = z.enum(exportTables, { message: `"table" must be one of ${exportTables.join(", ")}` });

/** GET /metrics/export?table=…&from=…&to=…&by=…&every=…: one dashboard table as a CSV download. */
export async function GET(request: Request) {
  try {
    await requireRole(...rolesFor("metrics.read"));
    const search = Object.fromEntries(new URL(request.url).searchParams);
    const table = tableSchema.safeParse(search.table);
    if (!table.success) throw new UserError("bad_request", table.error.issues[0]!.message);
    const now = new Date();
    // A wrong range is refused here rather than replaced: a file must hold what its name says.
    const { params, problems } = parseMetricsParams(search, now);
    if (problems.length > 0) throw new UserError("bad_request", problems.join(" "));
    const { fileName, csv } = metricsCsv(table.data, await loadDashboard({ ...params, now }), params);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof UserError) return error.toResponse();
    logger.error("metrics export failed", { route: "GET /metrics/export", error });
    return Response.json({ error: { code: "internal", message: GENERIC_ERROR_MESSAGE } }, { status: 500 });
  }
}
