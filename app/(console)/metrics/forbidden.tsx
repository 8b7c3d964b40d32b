import { Forbidden } from "@/components/layout/forbidden";
import { forbiddenByRoleMessage } from "../page-actor";

export default async function MetricsForbidden() {
  return <Forbidden message={`${await forbiddenByRoleMessage("metrics.read")} Metrics are for managers and admins.`} />;
}
