"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";

export function RetryJobButton({
  queue,
  jobId,
  retry,
}: {
  queue: string;
  jobId: string;
  retry: (input: { queue: string; jobId: string }) => Promise<ActionResult<{ retried: boolean }>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await retry({ queue, jobId });
          if (result.ok) toast.success("Sent back to its queue; it runs again with fresh retries.");
          else toast.error(result.error);
          router.refresh();
        })
      }
    >
      {pending ? "Retrying…" : "Retry"}
    </Button>
  );
}
