"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";

/** Publishes a copy of an earlier version as the next one. */
export function RestoreVersionButton({
  version,
  restore,
}: {
  version: number;
  restore: (input: { version: number }) => Promise<ActionResult<{ version: number; restoredFrom: number }>>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        aria-label={`Restore version ${version}`}
        onClick={() =>
          start(async () => {
            if (!window.confirm(`Publish a copy of version ${version}? New intakes will be decided by it at once.`)) return;
            const reply = await restore({ version });
            if (!reply.ok) return setError(actionErrorText(reply));
            setError(null);
            toast.success(`Version ${version} restored as version ${reply.data.version}.`);
            router.refresh();
          })
        }
      >
        {pending ? "Restoring…" : "Restore"}
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
