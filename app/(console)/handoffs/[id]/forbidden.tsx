import { Forbidden } from "@/components/layout/forbidden";

// HTTP 403 for a package the person may not see (canViewHandoff).
export default function HandoffForbidden() {
  return <Forbidden message="This package belongs to another team's queue." />;
}
