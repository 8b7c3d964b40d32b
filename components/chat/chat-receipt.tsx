"use client";

import { Check, Pencil } from "lucide-react";
import { useState } from "react";
import type { ReceiptLine } from "@/lib/chat/lead-receipt";

/**
 * "What our team will know": the confirmed facts passed on with the lead, each correctable in one
 * click (the correction becomes a confirmed fact on the package).
 */
export function ChatReceipt({ lines, correct }: { lines: ReceiptLine[]; correct: (field: ReceiptLine["field"], value: string) => Promise<string | null> }) {
  const [editing, setEditing] = useState<ReceiptLine["field"] | null>(null);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!lines.length) return null;

  const save = async () => {
    if (!editing || !value.trim()) return;
    setSaving(true);
    const problem = await correct(editing, value.trim());
    setSaving(false);
    if (problem) return setError(problem);
    setEditing(null);
    setError(null);
  };

  return (
    <li className="rounded-xl border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700 shadow-sm" data-testid="chat-receipt">
      <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">What our team will know</p>
      <ul className="space-y-1">
        {lines.map((line) => (
          <li key={line.field} className="flex items-start gap-2" data-testid="receipt-line">
            {editing === line.field ? (
              <form
                className="flex w-full flex-wrap items-center gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  void save();
                }}
              >
                <label className="sr-only" htmlFor={`receipt-${line.field}`}>
                  {line.label}
                </label>
                <input
                  id={`receipt-${line.field}`}
                  className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
                  value={value}
                  maxLength={500}
                  onChange={(e) => setValue(e.target.value)}
                  autoFocus
                />
                <button
                  type="submit"
                  disabled={saving || !value.trim()}
                  className="inline-flex items-center gap-1 rounded-md bg-brand-600 px-2 py-1 text-xs font-medium text-white disabled:opacity-50"
                >
                  <Check className="size-3.5" aria-hidden /> Save
                </button>
                <button type="button" onClick={() => setEditing(null)} className="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100">
                  Cancel
                </button>
                {error ? (
                  <p role="alert" className="w-full text-xs text-red-700">
                    {error}
                  </p>
                ) : null}
              </form>
            ) : (
              <>
                <span className="min-w-0 flex-1 break-words">
                  <span className="text-slate-500">{line.label}:</span> {line.value}
                </span>
                <button
                  type="button"
                  className="inline-flex shrink-0 items-center gap-1 rounded-md px-1.5 py-0.5 text-xs text-brand-700 hover:bg-brand-50"
                  aria-label={`Correct ${line.label}`}
                  onClick={() => {
                    setEditing(line.field);
                    setValue(line.value);
                    setError(null);
                  }}
                >
                  <Pencil className="size-3" aria-hidden /> Correct
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}
