"use client";

import { Button, type ButtonProps } from "@/components/ui/button";
import { ActionForm, type FormAction } from "@/components/admin/action-form";

/** One button that runs one action with fixed inputs (enable, move, revoke…). */
export function ActionButton<T>({
  action,
  fields,
  children,
  success,
  confirm,
  variant = "secondary",
  label,
  ...buttonProps
}: {
  action: FormAction<T>;
  fields: Record<string, string>;
  children: React.ReactNode;
  success: string;
  confirm?: string;
  label?: string;
} & Pick<ButtonProps, "variant" | "title" | "aria-label" | "disabled">) {
  return (
    <ActionForm action={action} success={success} confirm={confirm} className="inline-flex flex-wrap items-center" label={label}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" size="sm" variant={variant} {...buttonProps}>
        {children}
      </Button>
    </ActionForm>
  );
}
