import { Fragment } from "react";
import { cn } from "@/lib/cn";

// One line of the conversation. The agent's lines may carry a link (the booking link); the lead's
// own text is always shown as plain text.

export function ChatMessage({ from, text }: { from: "agent" | "lead"; text: string }) {
  const agent = from === "agent";
  return (
    <li className={cn("flex items-end gap-2", agent ? "justify-start" : "justify-end")} data-testid={agent ? "agent-message" : "lead-message"}>
      {agent ? <AgentAvatar /> : null}
      <p
        className={cn(
          "max-w-[85%] whitespace-pre-line break-words rounded-2xl px-3.5 py-2 text-[0.9375rem] leading-relaxed shadow-sm",
          agent ? "rounded-bl-md border border-slate-200 bg-white text-slate-800" : "rounded-br-md bg-brand-600 text-white",
        )}
      >
        <span className="sr-only">{agent ? "Assistant: " : "You: "}</span>
        {agent ? <Linked text={text} /> : text}
      </p>
    </li>
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
