import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { packageCorrections, users } from "@/db/schema";

/** Who confirmed, corrected or answered what on a package, oldest first. */
export async function listCorrections({ handoffId }: { handoffId: string }) {
  return db
    .select({ correction: packageCorrections, actorName: users.name })
    .from(packageCorrections)
    .leftJoin(users, eq(users.id, packageCorrections.actorId))
    .where(eq(packageCorrections.handoffId, handoffId))
    .orderBy(asc(packageCorrections.createdAt));
}
