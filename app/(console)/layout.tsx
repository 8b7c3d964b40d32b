import { ConsoleHeader } from "@/components/layout/console-header";
import { signOutAction } from "./actions";
import { pageActor } from "./page-actor";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await pageActor();
  if (!actor) return null;
  return (
    <div className="min-h-screen">
      <ConsoleHeader actor={actor} signOut={signOutAction} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
