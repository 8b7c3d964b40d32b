import { cn } from "@/lib/cn";

/**
 * A person's name as whoever created the account typed it: it may be one unbroken 200-character
 * word. In running text it wraps anywhere; where a single line is kept (`truncate`, e.g. a table
 * cell), it is cut with an ellipsis and the whole name is in the title. Either way it never widens
 * the page.
 */
export function PersonName({ name, truncate = false, className, ...rest }: { name: string; truncate?: boolean; className?: string; "data-testid"?: string }) {
  return (
    <span title={name} className={cn(truncate ? "inline-block max-w-full truncate align-bottom" : "wrap-anywhere", className)} {...rest}>
      {name}
    </span>
  );
}
