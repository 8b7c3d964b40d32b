import { AdminNav } from "@/components/layout/admin-nav";
import { can } from "@/lib/auth/roles";
import { pageActor } from "../page-actor";

// Each admin page still checks the role itself; the layout only decides whether to show the section's menu.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await pageActor();
  return (
    <>
      {actor && can(actor.role, "admin.manage") ? <AdminNav /> : null}
      {children}
    </>
  );
}
