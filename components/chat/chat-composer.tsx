"use client";

import { SendHorizontal } from "lucide-react";
import { useEffect, useRef, type FormEvent, type KeyboardEvent } from "react";
import { defaultChatLimits } from "@/lib/chat/chat-limits";
import { cn } from "@/lib/cn";

const MAX = defaultChatLimits.maxMessageChars;

/** The message box: Enter sends, Shift+Enter starts a new line; sending waits while the agent replies. */
export function ChatComposer({ value, onChange, onSend, busy }: { value: string; onChange: (v: string) => void; onSend: () => void; busy: boolean }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const length = value.trim().length;
  const tooLong = length > MAX;
  const canSend = !busy && length > 0 && !tooLong;

  // Text typed before the page became interactive is in the box but not in React's state: adopt it once,
  // so the Send button reflects what the lead sees (a slow connection otherwise leaves it disabled).
  useEffect(() => {
    const typed = box.current?.value ?? "";
    if (typed && typed !== value) onChange(typed);
    // Only on mount: afterwards every keystroke goes through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Grows with the text up to a few lines, then scrolls.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [value]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (canSend) onSend();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form onSubmit={submit} className="border-t border-slate-200 bg-white px-3 pb-3 pt-2.5">
      <div className="flex items-end gap-2 rounded-2xl border border-slate-300 bg-white py-1.5 pl-3.5 pr-1.5 shadow-sm focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/25">
        <label htmlFor="chat-input" className="sr-only">
          Your message
        </label>
        <textarea
          id="chat-input"
          ref={box}
          rows={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Write your message…"
          aria-invalid={tooLong}
          aria-describedby={length > MAX - 200 ? "chat-length" : undefined}
          className="max-h-40 min-h-6 flex-1 resize-none bg-transparent py-1 text-[0.9375rem] leading-6 text-slate-900 placeholder:text-slate-400 focus:outline-none"
        />
        <button
          type="submit"
          disabled={!canSend}
          aria-label="Send"
          className="grid size-9 shrink-0 place-items-center rounded-xl bg-brand-600 text-white transition-colors hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-slate-200 disabled:text-slate-400"
        >
          <SendHorizontal className="size-4" aria-hidden />
        </button>
      </div>
      <div className="mt-1.5 flex items-center justify-between gap-2 px-1 text-[0.6875rem] text-slate-400">
        <span className="truncate">Don&apos;t share passwords or card numbers.</span>
        {length > MAX - 200 ? (
          <span id="chat-length" className={cn("shrink-0 tabular-nums", tooLong && "font-medium text-red-600")}>
            {length.toLocaleString("en")} / {MAX.toLocaleString("en")}
          </span>
        ) : (
          <span className="shrink-0">Powered by Baton</span>
        )}
      </div>
    </form>
  );
}
