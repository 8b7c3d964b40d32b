"use client";

import { ActionButton } from "@/components/admin/action-button";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Label, Textarea } from "@/components/ui/field";

type Props = {
  origins: string[];
  source: "database" | "environment";
  environment: string[];
  save: FormAction<{ origins: string[] }>;
  reset: FormAction<{ removed: boolean }>;
};

/** The sites allowed to embed the chat widget: one origin a line; saved here, they replace the environment's list. */
export function WidgetOriginsForm({ origins, source, environment, save, reset }: Props) {
  return (
    <div className="space-y-3" data-testid="widget-origins">
      <p className="text-sm text-slate-600" data-testid="widget-origins-source">
        {source === "database"
          ? `In force: the list saved here (${origins.length ? `${origins.length} site${origins.length === 1 ? "" : "s"}` : "none: only Baton's own pages"}).`
          : `In force: the environment's CHAT_WIDGET_ALLOWED_ORIGINS (${environment.length ? environment.join(", ") : "unset: only Baton's own pages"}).`}
      </p>
      <ActionForm action={save} success="Allowed sites saved." fieldLabels={{ origins: "Allowed sites" }} label="Allowed sites" className="space-y-2">
        <Label htmlFor="widget-origins">Allowed sites</Label>
        <Textarea
          id="widget-origins"
          name="origins"
          rows={4}
          defaultValue={origins.join("\n")}
          placeholder={"https://www.example.com\nhttps://shop.example.com"}
          aria-describedby="widget-origins-help"
        />
        <p id="widget-origins-help" className="text-xs text-slate-500">
          One site a line: its scheme and host (and port, if any), no path. An empty list allows only Baton&apos;s own pages.
        </p>
        <Button type="submit" size="sm">
          Save
        </Button>
      </ActionForm>
      {source === "database" ? (
        <ActionButton action={reset} fields={{}} success="Back to the environment's list." confirm="Use the environment's list of allowed sites again?">
          Use the environment&apos;s list
        </ActionButton>
      ) : null}
    </div>
  );
}
