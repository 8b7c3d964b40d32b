"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies the lead's prefilled booking link, to paste into a reply. */
export function CopyLinkButton({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      size="sm"
      variant="secondary"
      onClick={async () => {
        await navigator.clipboard?.writeText(url).catch(() => undefined);
        setCopied(true);
      }}
    >
      {copied ? "Copied" : "Copy booking link"}
    </Button>
  );
}
