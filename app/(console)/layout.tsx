import { ConsoleHeader } from "@/components/layout/console-header";
import { countUnreadNotifications } from "@/db/queries/notifications";
import { signOutAction } from "./actions";
import { pageActor } from "./page-actor";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await pageActor();
  const unread = await countUnreadNotifications({ userId: actor.id });
  return (
    <div className="min-h-screen">
      <ConsoleHeader actor={actor} signOut={signOutAction} unread={unread} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
