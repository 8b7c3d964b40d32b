"use client";

import { Plus, X } from "lucide-react";
import type { Condition } from "@/lib/rules/schema";
import { cn } from "@/lib/cn";

type Kind = "field" | "all" | "any" | "none" | "atLeast" | "always" | "never";

const kindLabels: Record<Kind, string> = {
  field: "Fact",
  all: "All of",
  any: "Any of",
  none: "None of",
  atLeast: "At least N of",
  always: "Always",
  never: "Never",
};

/**
 * One condition of the schema's shape, as a form: a fact of the fact sheet (a feature, a signal
 * family or a signal) that is true or false, or an all/any/none/at-least-N group of conditions
 * (at least N of them true: a score, such as two spam cues).
 * `listId` names the datalist of the names a condition may use.
 */
export function ConditionEditor({
  value,
  onChange,
  onRemove,
  listId,
  label,
  depth = 0,
}: {
  value: Condition;
  onChange: (next: Condition) => void;
  onRemove?: () => void;
  listId: string;
  label: string;
  depth?: number;
}) {
  const kind = kindOf(value);
  const field = fieldOf(value);
  const children = childrenOf(value);

  return (
    <div className={cn("space-y-2", depth > 0 && "border-l-2 border-slate-200 pl-3")}>
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label={`${label}: kind`}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
          value={kind}
          onChange={(e) => onChange(convert(value, e.target.value as Kind))}
        >
          {(Object.keys(kindLabels) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
        {typeof value === "object" && "atLeast" in value ? (
          <input
            type="number"
            min={1}
            max={value.of.length}
            aria-label={`${label}: how many`}
            className="h-8 w-16 rounded-md border border-slate-300 px-2 text-sm"
            value={value.atLeast}
            onChange={(e) => onChange({ atLeast: Math.max(1, Math.min(value.of.length, Number(e.target.value) || 1)), of: value.of })}
          />
        ) : null}
        {field ? (
          <>
            <input
              aria-label={`${label}: fact`}
              list={listId}
              className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 px-2 font-mono text-xs sm:max-w-56"
              value={field.name}
              onChange={(e) => onChange(field.negated ? { not: e.target.value } : e.target.value)}
            />
            <select
              aria-label={`${label}: operator`}
              className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
              value={field.negated ? "false" : "true"}
              onChange={(e) => onChange(e.target.value === "false" ? { not: field.name } : field.name)}
            >
              <option value="true">is true</option>
              <option value="false">is false</option>
            </select>
          </>
        ) : null}
        {onRemove ? (
          <button type="button" onClick={onRemove} className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-red-700" aria-label={`Remove ${label}`}>
            <X className="size-4" aria-hidden />
          </button>
        ) : null}
      </div>
      {children ? (
        <div className="space-y-2">
          {children.map((child, i) => (
            <ConditionEditor
              key={i}
              value={child}
              depth={depth + 1}
              listId={listId}
              label={`${label} ${i + 1}`}
              onChange={(next) =>
                onChange(
                  withChildren(
                    value,
                    children.map((c, j) => (j === i ? next : c)),
                  ),
                )
              }
              onRemove={
                children.length > 1
                  ? () =>
                      onChange(
                        withChildren(
                          value,
                          children.filter((_, j) => j !== i),
                        ),
                      )
                  : undefined
              }
            />
          ))}
          <div className="flex gap-2 pl-3">
            <button
              type="button"
              className="inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline"
              onClick={() => onChange(withChildren(value, [...children, "fit"]))}
            >
              <Plus className="size-3" aria-hidden /> Fact
            </button>
            <button
              type="button"
              className="inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline"
              onClick={() => onChange(withChildren(value, [...children, { any: ["risk"] }]))}
            >
              <Plus className="size-3" aria-hidden /> Group
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function kindOf(value: Condition): Kind {
  if (value === true) return "always";
  if (value === false) return "never";
  if (typeof value === "string") return "field";
  if ("all" in value) return "all";
  if ("any" in value) return "any";
  if ("atLeast" in value) return "atLeast";
  if (typeof value.not === "string") return "field";
  if (typeof value.not === "object" && "any" in value.not) return "none";
  // Other negations (not of all, not of not) are rare: shown as "none of" their one child.
  return "none";
}

function fieldOf(value: Condition): { name: string; negated: boolean } | null {
  if (typeof value === "string") return { name: value, negated: false };
  if (typeof value === "object" && "not" in value && typeof value.not === "string") return { name: value.not, negated: true };
  return null;
}

function childrenOf(value: Condition): Condition[] | null {
  if (typeof value !== "object") return null;
  if ("all" in value) return value.all;
  if ("any" in value) return value.any;
  if ("atLeast" in value) return value.of;
  if (typeof value.not === "string") return null;
  if (typeof value.not === "object" && "any" in value.not) return value.not.any;
  return [value.not];
}

function withChildren(value: Condition, children: Condition[]): Condition {
  if (typeof value !== "object") return value;
  if ("all" in value) return { all: children };
  if ("any" in value) return { any: children };
  if ("atLeast" in value) return { atLeast: Math.min(value.atLeast, children.length), of: children };
  return { not: { any: children } };
}

function convert(value: Condition, kind: Kind): Condition {
  const field = fieldOf(value);
  const children = childrenOf(value) ?? (field ? [field.name] : ["fit"]);
  switch (kind) {
    case "always":
      return true;
    case "never":
      return false;
    case "field":
      return field?.name ?? (typeof children[0] === "string" ? children[0] : "fit");
    case "all":
      return { all: children };
    case "any":
      return { any: children };
    case "none":
      return { not: { any: children } };
    case "atLeast":
      return { atLeast: Math.min(2, children.length), of: children };
  }
}
