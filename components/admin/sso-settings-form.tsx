"use client";

import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";

export type SsoSettingsView = {
  enabled: boolean;
  issuer: string;
  clientId: string;
  secretSaved: boolean;
  allowedDomains: string[];
  autoCreate: boolean;
  autoCreateTeamId: string | null;
  passwordSignIn: boolean;
  breakGlassUserId: string | null;
};

const fieldLabels = {
  issuer: "Issuer URL",
  clientId: "Client ID",
  clientSecret: "Client secret",
  allowedDomains: "Allowed email domains",
  autoCreateTeamId: "Team for new people",
  breakGlassUserId: "Break-glass admin",
};

/**
 * Single sign-on with one OpenID Connect issuer (Google Workspace, Microsoft Entra ID, Okta…).
 * The redirect URI to register with the provider is shown; the secret is never sent back.
 */
export function SsoSettingsForm({
  view,
  callbackUrl,
  teams,
  admins,
  save,
}: {
  view: SsoSettingsView | null;
  callbackUrl: string;
  teams: { id: string; name: string }[];
  admins: { id: string; label: string }[];
  save: FormAction<{ enabled: boolean }>;
}) {
  return (
    <ActionForm action={save} success="Single sign-on settings saved." fieldLabels={fieldLabels} label="Single sign-on" className="space-y-3" id="sso-settings">
      <p className="text-sm text-slate-600" data-testid="sso-status">
        {view?.enabled ? "On: the sign-in page offers single sign-on." : "Off: everyone signs in with a password."} Redirect URI to register with the identity
        provider: <code className="rounded bg-slate-100 px-1 text-xs">{callbackUrl}</code>
      </p>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="enabled" defaultChecked={view?.enabled ?? false} className="size-4" />
        Offer single sign-on on the sign-in page
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <Label htmlFor="sso-issuer">Issuer URL</Label>
          <Input id="sso-issuer" name="issuer" defaultValue={view?.issuer ?? ""} placeholder="https://accounts.google.com" required />
          <p className="mt-1 text-xs text-slate-500">Baton reads its /.well-known/openid-configuration; the issuer it names must be exactly this URL.</p>
        </div>
        <div>
          <Label htmlFor="sso-client-id">Client ID</Label>
          <Input id="sso-client-id" name="clientId" defaultValue={view?.clientId ?? ""} required autoComplete="off" />
        </div>
        <div>
          <Label htmlFor="sso-client-secret">Client secret</Label>
          <Input
            id="sso-client-secret"
            name="clientSecret"
            type="password"
            autoComplete="off"
            placeholder={view?.secretSaved ? "Saved (blank keeps it)" : ""}
          />
        </div>
        <div className="sm:col-span-2">
          <Label htmlFor="sso-domains">Allowed email domains</Label>
          <Input id="sso-domains" name="allowedDomains" defaultValue={view?.allowedDomains.join(", ") ?? ""} placeholder="example.com, sales.example.com" />
          <p className="mt-1 text-xs text-slate-500">Blank: any domain. The provider must say the email is verified either way.</p>
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="autoCreate" defaultChecked={view?.autoCreate ?? false} className="size-4" />
        Create a rep at first sign-in for an allowed address without an account
      </label>
      <div className="max-w-xs">
        <Label htmlFor="sso-team">Team for new people</Label>
        <Select id="sso-team" name="autoCreateTeamId" defaultValue={view?.autoCreateTeamId ?? ""}>
          <option value="">No team chosen</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="passwordSignIn" defaultChecked={view?.passwordSignIn ?? true} className="size-4" />
        Password sign-in stays on for everyone
      </label>
      <div className="max-w-xs">
        <Label htmlFor="sso-break-glass">Break-glass admin</Label>
        <Select id="sso-break-glass" name="breakGlassUserId" defaultValue={view?.breakGlassUserId ?? ""}>
          <option value="">Nobody</option>
          {admins.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </Select>
        <p className="mt-1 text-xs text-slate-500">With password sign-in off, this admin alone may still use a password (for when the provider is down).</p>
      </div>
      <Button type="submit" size="sm">
        Save single sign-on
      </Button>
    </ActionForm>
  );
}
