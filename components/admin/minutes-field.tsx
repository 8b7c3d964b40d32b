"use client";

import { useState } from "react";
import { Input, Label } from "@/components/ui/field";
import { durationInWords } from "@/lib/format";

/** A length of time kept in minutes, typed in minutes and read back in hours and days as it is typed. */
export function MinutesField({ id, name, label, defaultValue }: { id: string; name: string; label: string; defaultValue: number }) {
  const [value, setValue] = useState(String(defaultValue));
  const minutes = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-describedby={`${id}-words`}
        className="w-32"
      />
      <p id={`${id}-words`} className="mt-1 text-xs text-slate-600" data-testid="duration-in-words">
        {Number.isNaN(minutes) ? "Whole minutes" : durationInWords(minutes)}
      </p>
    </div>
  );
}
