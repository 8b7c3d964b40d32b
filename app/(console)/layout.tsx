import { ConsoleHeader } from "@/components/layout/console-header";
import { listLatestNotifications } from "@/db/queries/notifications";
import { BELL_ITEMS, toBellState } from "@/lib/notifications/bell";
import { signOutAction } from "./actions";
import { pageActor } from "./page-actor";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await pageActor();
  const bell = toBellState(await listLatestNotifications({ userId: actor.id, limit: BELL_ITEMS }));
  return (
    <div className="min-h-screen">
      <ConsoleHeader actor={actor} signOut={signOutAction} bell={bell} serverNow={new Date().toISOString()} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
