import { Forbidden } from "@/components/layout/forbidden";
import { forbiddenByRoleMessage } from "../page-actor";

// HTTP 403 for the admin pages (pageActorWith("admin.manage")): the card says which role they need.
export default async function AdminForbidden() {
  return <Forbidden message={await forbiddenByRoleMessage("admin.manage")} />;
}
