import { connection } from "next/server";
import { pingDatabase } from "@/db/queries/health";

// Public by design (load balancers call it): it says only whether this instance can serve.
export async function GET() {
  await connection();
  const database = await pingDatabase();
  return Response.json({ ok: database, database }, { status: database ? 200 : 503, headers: { "cache-control": "no-store" } });
}
