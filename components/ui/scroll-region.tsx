import type { HTMLAttributes } from "react";
import { cn } from "@/lib/cn";

/**
 * A box that scrolls (a wide table on a phone, a long list). It takes focus and has a name,
 * so a keyboard user can reach it and scroll it with the arrow keys (WCAG 2.1.1).
 */
export function ScrollRegion({ label, className, ...props }: HTMLAttributes<HTMLDivElement> & { label: string }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cn("focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600", className)}
      {...props}
    />
  );
}
