"use client";

import { Suspense, use, useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import type { ConsoleLine } from "@/lib/chat/lead-view";
import type { SuggestedDraft } from "@/lib/chat/model-draft";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/cn";

type Props = {
  handoffId: string;
  initial: ConsoleLine[];
  /** Null when the viewer may write to the lead; else why not, in words. */
  cannotWrite: string | null;
  /** Where a reply goes when the lead has left the chat (by email, or nowhere they will see soon); null while they are there. */
  routeHint: string | null;
  /** The suggested first reply, still being written (by the model, with a timeout) while the page streams; null when none is offered. */
  draft: Promise<SuggestedDraft> | null;
  send: (input: { handoffId: string; text: string }) => Promise<ActionResult<{ id: string; via: "chat" | "email"; notice: string | null }>>;
};

/**
 * The package's chat, live: the lead's new lines appear as they are written (Server-Sent Events from
 * /api/handoffs/:id/conversation, which reconnects with its last id), and the owner writes back.
 * Nothing is sent without a click; a suggested draft only fills the box.
 */
export function LiveChat({ handoffId, initial, cannotWrite, routeHint, draft, send }: Props) {
  const [lines, setLines] = useState(initial);
  const [text, setText] = useState("");
  const [error, setError] = useState<string[] | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  // Who wrote the draft now in the composer; cleared once the person sends.
  const [draftBy, setDraftBy] = useState<SuggestedDraft["by"] | null>(null);
  const [pending, startTransition] = useTransition();
  const end = useRef<HTMLLIElement>(null);
  const lastId = useRef(initial.at(-1)?.id ?? null);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const open = () => {
      source = new EventSource(`/api/handoffs/${handoffId}/conversation${lastId.current ? `?after=${lastId.current}` : ""}`);
      source.addEventListener("message", (event) => {
        const line = JSON.parse((event as MessageEvent<string>).data) as ConsoleLine;
        setLines((current) => {
          if (current.some((l) => l.id === line.id)) return current;
          const next = [...current, line].sort((a, b) => (a.sentAt === b.sentAt ? (a.id < b.id ? -1 : 1) : a.sentAt < b.sentAt ? -1 : 1));
          lastId.current = next.at(-1)?.id ?? null;
          return next;
        });
      });
      // EventSource retries a dropped stream itself; one the server refused (closed) is opened again later.
      source.addEventListener("error", () => {
        if (source?.readyState === EventSource.CLOSED) retry = setTimeout(open, 5000);
      });
    };
    open();
    return () => {
      source?.close();
      if (retry) clearTimeout(retry);
    };
  }, [handoffId]);

  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [lines]);

  const submit = () => {
    startTransition(async () => {
      const result = await send({ handoffId, text });
      if (result.ok) {
        setText("");
        setDraftBy(null);
        setError(undefined);
        setNotice(result.data.notice);
      } else {
        setError(result.fieldErrors?.text ?? [result.error]);
      }
    });
  };

  return (
    <div className="space-y-3" data-testid="live-chat">
      <ol className="max-h-96 space-y-2 overflow-y-auto rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="Chat with the lead" aria-live="polite">
        {lines.map((m) => (
          <li key={m.id} className={cn("flex flex-col", m.author === "lead" ? "items-start" : "items-end")} data-testid={`live-${m.author}`}>
            <span className="text-xs text-slate-500">
              {m.author === "lead" ? "Lead" : m.author === "agent" ? "Agent" : (m.authorName ?? "A colleague")} · {formatDateTime(m.sentAt)}
              {m.byEmail ? (
                <span className="ml-1 font-medium text-slate-700" data-testid="live-by-email">
                  · by email
                </span>
              ) : null}
            </span>
            <p
              className={cn(
                "max-w-[90%] whitespace-pre-line break-words rounded-lg px-3 py-1.5 text-sm",
                m.author === "lead"
                  ? "bg-white text-slate-900 ring-1 ring-slate-200"
                  : m.author === "human"
                    ? "bg-brand-600 text-white"
                    : "bg-slate-200 text-slate-800",
              )}
            >
              {m.text}
            </p>
          </li>
        ))}
        <li ref={end} aria-hidden />
      </ol>
      {cannotWrite ? (
        <p className="text-sm text-slate-600" data-testid="live-chat-closed">
          {cannotWrite}
        </p>
      ) : (
        <form
          aria-label="Write to the lead"
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label htmlFor="live-chat-text" className="text-sm font-medium text-slate-700">
            Message to the lead
          </label>
          <Textarea
            id="live-chat-text"
            value={text}
            maxLength={4000}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                if (text.trim() && !pending) submit();
              }
            }}
            placeholder={routeHint ? "Write to the lead" : "Write to the lead; they see it in the chat at once"}
            aria-invalid={Boolean(error)}
            aria-describedby="live-chat-error"
          />
          {routeHint && !notice ? (
            <p className="text-sm text-slate-600" data-testid="live-chat-route">
              {routeHint}
            </p>
          ) : null}
          <FieldError id="live-chat-error" messages={error} />
          {notice ? (
            <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="live-chat-notice">
              {notice}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" size="sm" disabled={pending || !text.trim()}>
              {pending ? "Sending…" : "Send to lead"}
            </Button>
            {draft ? (
              <Suspense
                fallback={
                  <Button type="button" size="sm" variant="secondary" disabled>
                    Drafting a reply…
                  </Button>
                }
              >
                <DraftButton
                  draft={draft}
                  onUse={(d) => {
                    setText(d.text);
                    setDraftBy(d.by);
                  }}
                />
              </Suspense>
            ) : null}
          </div>
          {draftBy && text.trim() ? (
            <p className="text-xs text-slate-500" data-testid="draft-source">
              {draftBy === "model" ? "Draft by the model" : "Draft"}: check and edit it; nothing is sent until you click Send.
            </p>
          ) : null}
        </form>
      )}
    </div>
  );
}

function DraftButton({ draft, onUse }: { draft: Promise<SuggestedDraft>; onUse: (draft: SuggestedDraft) => void }) {
  const suggested = use(draft);
  return (
    <Button type="button" size="sm" variant="secondary" onClick={() => onUse(suggested)} data-testid="use-draft">
      Suggest a reply
    </Button>
  );
}
