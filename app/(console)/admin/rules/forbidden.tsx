import { Forbidden } from "@/components/layout/forbidden";
import { forbiddenByRoleMessage } from "../../page-actor";

export default async function RulesForbidden() {
  return <Forbidden message={`${await forbiddenByRoleMessage("admin.manage")} The escalation rules are for admins.`} />;
}
