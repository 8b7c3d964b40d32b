import { Forbidden } from "@/components/layout/forbidden";

// HTTP 403 for an inbox view the person's role does not have (only the all-teams view is limited).
export default function InboxForbidden() {
  return (
    <Forbidden
      message="The all-teams view is for managers and admins. Your team queue has everything routed to you and your team."
      backHref="/inbox?view=team"
    />
  );
}
