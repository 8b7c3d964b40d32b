"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";

export function MarkReadButton({ markRead }: { markRead: (input: { ids?: string[] }) => Promise<ActionResult<{ read: boolean }>> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await markRead({});
          if (result.ok) router.refresh();
          else toast.error(actionErrorText(result));
        })
      }
    >
      Mark all as read
    </Button>
  );
}
