"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";

export function SyncNowButton({
  handoffId,
  sync,
}: {
  handoffId: string;
  sync: (input: { handoffId: string }) => Promise<ActionResult<{ handoffId: string }>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      type="button"
      size="sm"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await sync({ handoffId });
          if (result.ok) {
            toast.success("Synced to the CRM.");
            router.refresh();
          } else toast.error(actionErrorText(result));
        })
      }
    >
      {pending ? "Syncing…" : "Sync now"}
    </Button>
  );
}
