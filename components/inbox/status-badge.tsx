import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { HandoffPriority, HandoffStatus } from "@/db/schema/handoffs";
import { priorityLabels } from "@/lib/format";
import { statusLabels } from "@/lib/handoffs/state-machine";

const statusTones: Record<HandoffStatus, BadgeTone> = {
  pending: "amber",
  accepted: "blue",
  in_follow_up: "violet",
  converted: "green",
  discarded: "slate",
};

const priorityTones: Record<HandoffPriority, BadgeTone> = { immediate: "red", normal: "blue", nurture: "slate" };

export function StatusBadge({ status }: { status: HandoffStatus }) {
  return (
    <Badge tone={statusTones[status]} data-testid="status-badge">
      {statusLabels[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: HandoffPriority | null }) {
  if (!priority) return <Badge>Agent</Badge>;
  return <Badge tone={priorityTones[priority]}>{priorityLabels[priority]}</Badge>;
}
