"use client";

import { Mail, MessageSquare, Phone, CalendarPlus, CheckCircle2, ShieldCheck } from "lucide-react";
import { usePackageAction, type PackageAction } from "@/components/package/use-package-action";
import type { PrimaryAction } from "@/lib/handoffs/primary-action";

const icons = {
  accept: CheckCircle2,
  review_approval: ShieldCheck,
  reply_chat: MessageSquare,
  reply_email: Mail,
  email: Mail,
  call: Phone,
  book: CalendarPlus,
} as const;

const look =
  "inline-flex h-10 items-center justify-center gap-2 rounded-md bg-brand-600 px-5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:bg-brand-600/50";

/** The top card's one primary button: Accept runs the action (with Undo); the others are links. */
export function PrimaryActionButton({
  action,
  handoffId,
  version,
  accept,
  undo,
}: {
  action: PrimaryAction;
  handoffId: string;
  version: number;
  accept: PackageAction;
  undo: PackageAction;
}) {
  const { run, pending } = usePackageAction(handoffId, version);
  const Icon = icons[action.kind];
  if (action.kind === "accept")
    return (
      <button
        type="button"
        className={look}
        disabled={pending}
        data-testid="primary-action"
        onClick={() => run(accept, new FormData(), "Accepted: this package is yours.", undefined, undo)}
      >
        <Icon className="size-4" aria-hidden />
        {action.label}
      </button>
    );
  const external = action.kind === "book";
  return (
    <a
      href={action.href}
      className={look}
      data-testid="primary-action"
      {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
      onClick={(event) => {
        // An in-page composer: scroll to it and put the cursor in it.
        if (!action.href.startsWith("#")) return;
        const target = document.querySelector<HTMLElement>(action.href);
        if (!target) return;
        event.preventDefault();
        target.scrollIntoView({ block: "center", behavior: "smooth" });
        target.focus({ preventScroll: true });
      }}
    >
      <Icon className="size-4" aria-hidden />
      {action.label}
    </a>
  );
}
