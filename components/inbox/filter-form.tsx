"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { ChevronDown, SlidersHorizontal } from "lucide-react";
import { cn } from "@/lib/cn";

/**
 * The inbox's filter form. A plain GET form first (it works before JavaScript and survives a
 * reload); once hydrated, a chosen filter applies at once and the search on Enter, as a client
 * navigation, so the Apply button goes. On a phone the filters sit behind one button; on a desktop
 * the rarer ones behind "More filters", so the bar stays one line.
 */
export function FilterForm({
  hidden,
  search,
  primary,
  more,
  activeCount,
  moreActiveCount,
  clear,
}: {
  hidden: Record<string, string>;
  search: ReactNode;
  primary: ReactNode;
  more: ReactNode;
  activeCount: number;
  moreActiveCount: number;
  clear: ReactNode;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  // False in the server's HTML and during hydration, true after: the Apply button is for the plain form only.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [moreOpen, setMoreOpen] = useState(moreActiveCount > 0);
  const filtersId = useId();
  const moreId = useId();

  const apply = () => {
    if (!form.current) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) if (typeof value === "string" && value.trim() !== "") params.append(key, value.trim());
    router.push(`/inbox${params.size ? `?${params}` : ""}`);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply();
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    // The search applies on Enter (a submit): every keystroke is not a query.
    if (target.type === "search") return;
    // A date applies once it is a whole date (or emptied), not at each typed digit.
    if (target.type === "date" && target.value !== "" && !(target as HTMLInputElement).validity.valid) return;
    apply();
  };

  return (
    <form
      ref={form}
      method="get"
      action="/inbox"
      role="search"
      aria-label="Search and filter"
      onSubmit={hydrated ? onSubmit : undefined}
      onChange={hydrated ? onChange : undefined}
      className="flex flex-wrap items-center gap-2"
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {search}
      <DisclosureButton
        open={filtersOpen}
        controls={filtersId}
        onToggle={setFiltersOpen}
        className="gap-1.5 border border-slate-300 bg-white px-3 shadow-sm hover:bg-slate-50 md:hidden"
      >
        <SlidersHorizontal className="size-4" aria-hidden />
        {withCount("Filters", activeCount)}
      </DisclosureButton>
      <div id={filtersId} className={cn("w-full flex-wrap items-center gap-2 md:flex md:w-auto", filtersOpen ? "flex" : "hidden")}>
        {primary}
        <DisclosureButton open={moreOpen} controls={moreId} onToggle={setMoreOpen} className="hidden gap-1 px-2 hover:bg-slate-100 md:inline-flex">
          {withCount("More filters", moreActiveCount)}
          <ChevronDown className={cn("size-4 transition-transform", moreOpen && "rotate-180")} aria-hidden />
        </DisclosureButton>
      </div>
      {hydrated ? null : (
        <button type="submit" className="h-9 rounded-md bg-slate-900 px-3 text-sm font-medium text-white hover:bg-slate-700">
          Apply
        </button>
      )}
      {clear}
      <div id={moreId} className={cn("w-full flex-wrap items-center gap-2", filtersOpen ? "flex" : "hidden", moreOpen ? "md:flex" : "md:hidden")}>
        {more}
      </div>
    </form>
  );
}

const noSubscription = () => () => {};

/** "Filters (2)": how many of the filters behind the button are set. */
function withCount(label: string, count: number): string {
  return count ? `${label} (${count})` : label;
}

/** A button that shows or hides the filters it controls. */
function DisclosureButton({
  open,
  controls,
  onToggle,
  className,
  children,
}: {
  open: boolean;
  controls: string;
  onToggle: (open: boolean) => void;
  className: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={cn("inline-flex h-9 items-center rounded-md text-sm font-medium text-slate-700", className)}
      aria-expanded={open}
      aria-controls={controls}
      onClick={() => onToggle(!open)}
    >
      {children}
    </button>
  );
}
