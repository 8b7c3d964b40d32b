import type { HandoffPackage } from "@/lib/contract/package";

/**
 * The one button the package's top card leads with: what the package calls for next, and only an
 * action the data supports (no Call without a phone, no Book without a booking link, no Reply
 * without a way to reach the lead). Null when the person viewing cannot act on the package now.
 */
export type PrimaryAction =
  | { kind: "accept"; label: "Accept" }
  | { kind: "review_approval"; label: "Review the approval"; href: "#approvals" }
  | { kind: "reply_chat"; label: "Reply in the chat"; href: "#live-chat-text" }
  | { kind: "reply_email"; label: "Reply by email"; href: "#email-reply-text" }
  | { kind: "email"; label: string; href: string }
  | { kind: "call"; label: string; href: string }
  | { kind: "book"; label: "Book a meeting"; href: string };

export type PrimaryActionContext = {
  nextStep: HandoffPackage["nextStep"]["action"];
  /** The state machine and ownership allow Accept for this person now. */
  mayAccept: boolean;
  /** The person may act on the package (its owner, their manager, an admin) and it is open. */
  mayActOpen: boolean;
  leadName: string | null;
  phone: string | null;
  email: string | null;
  /** The chat composer is on the page and this person may write in it. */
  chatComposer: boolean;
  /** The email composer is on the page and this person may send from it. */
  emailComposer: boolean;
  bookingUrl: string | null;
  pendingApprovals: number;
};

export function primaryAction(c: PrimaryActionContext): PrimaryAction | null {
  // Nothing can be done for the lead before someone owns the package.
  if (c.mayAccept) return { kind: "accept", label: "Accept" };
  if (!c.mayActOpen) return null;
  if (c.nextStep === "approve_action" && c.pendingApprovals > 0) return { kind: "review_approval", label: "Review the approval", href: "#approvals" };
  const call = callAction(c.phone, c.leadName);
  const book = c.bookingUrl ? ({ kind: "book", label: "Book a meeting", href: c.bookingUrl } as const) : null;
  const reply = replyAction(c);
  switch (c.nextStep) {
    case "call":
      return call ?? reply ?? book;
    case "audit":
      // A diagnosis or audit is a meeting: book it when a link is set, else ask the lead for a time.
      return book ?? reply ?? call;
    case "discard":
      // Closing it is the Actions card's Discard, with a reason; nothing here to lead with.
      return null;
    default:
      return reply ?? call ?? book;
  }
}

function replyAction(c: PrimaryActionContext): PrimaryAction | null {
  if (c.chatComposer) return { kind: "reply_chat", label: "Reply in the chat", href: "#live-chat-text" };
  if (c.emailComposer) return { kind: "reply_email", label: "Reply by email", href: "#email-reply-text" };
  if (c.email) return { kind: "email", label: `Email ${firstName(c.leadName) ?? c.email}`, href: `mailto:${c.email}` };
  return null;
}

function callAction(phone: string | null, leadName: string | null): PrimaryAction | null {
  const dial = phone ? telHref(phone) : null;
  return dial ? { kind: "call", label: `Call ${firstName(leadName) ?? phone}`, href: dial } : null;
}

/** `tel:` with only what a dialler reads (digits, a leading +); null when no digits are left. */
export function telHref(phone: string): string | null {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[^\d]/g, "");
  if (digits.length < 3) return null;
  return `tel:${trimmed.startsWith("+") ? "+" : ""}${digits}`;
}

function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}
