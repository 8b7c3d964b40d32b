import { Fragment } from "react";
import { cn } from "@/lib/cn";

// One line of the conversation. The agent's lines may carry a link (the booking link); the lead's
// own text is always shown as plain text.

export function ChatMessage({ from, text, name = null }: { from: "agent" | "lead" | "person"; text: string; name?: string | null }) {
  const lead = from === "lead";
  const person = from === "person";
  const speaker = person ? `${name ?? "A colleague"}: ` : lead ? "You: " : "Assistant: ";
  return (
    <li
      className={cn("flex items-end gap-2", lead ? "justify-end" : "justify-start")}
      data-testid={person ? "person-message" : lead ? "lead-message" : "agent-message"}
    >
      {person ? <PersonAvatar name={name} /> : lead ? null : <AgentAvatar />}
      <div className={cn("flex max-w-[85%] flex-col", lead ? "items-end" : "items-start")}>
        {person ? (
          <span className="mb-0.5 px-1 text-xs font-medium text-slate-600" aria-hidden>
            {name ?? "A colleague"}
          </span>
        ) : null}
        <p
          className={cn(
            "whitespace-pre-line break-words rounded-2xl px-3.5 py-2 text-[0.9375rem] leading-relaxed shadow-sm",
            lead
              ? "rounded-br-md bg-brand-600 text-white"
              : person
                ? "rounded-bl-md border border-amber-200 bg-amber-50 text-slate-900"
                : "rounded-bl-md border border-slate-200 bg-white text-slate-800",
          )}
        >
          <span className="sr-only">{speaker}</span>
          {lead ? text : <Linked text={text} />}
        </p>
      </div>
    </li>
  );
}

function PersonAvatar({ name }: { name: string | null }) {
  return (
    <span className="grid size-7 shrink-0 place-items-center rounded-full bg-amber-100 text-xs font-semibold text-amber-800" aria-hidden>
      {(name ?? "?").trim().charAt(0).toUpperCase()}
    </span>
  );
}

export function AgentAvatar() {
  return (
    <span className="grid size-7 shrink-0 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700" aria-hidden>
      B
    </span>
  );
}

function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return <Fragment key={i}>{part}</Fragment>;
        // A sentence's full stop is not part of the link.
        const url = part.replace(/[.,;:!?)]+$/, "");
        return (
          <Fragment key={i}>
            <a href={url} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600">
              {url}
            </a>
            {part.slice(url.length)}
          </Fragment>
        );
      })}
    </>
  );
}
