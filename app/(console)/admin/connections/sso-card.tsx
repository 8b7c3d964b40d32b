import { SsoSettingsForm } from "@/components/admin/sso-settings-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { listTeams } from "@/db/queries/teams";
import { listActiveUsers } from "@/db/queries/users";
import { describeSsoSettings } from "@/lib/auth/sso-settings";
import { appLink } from "@/lib/auth/account-email";
import { SSO_PROVIDER_ID } from "@/lib/auth/sso-settings";
import { saveSsoSettingsAction } from "./sso-actions";

/** The single sign-on card of /admin/connections (the page checks the admin role). */
export async function SsoCard() {
  const [view, teams, people] = await Promise.all([describeSsoSettings(), listTeams(), listActiveUsers()]);
  return (
    <Card aria-labelledby="sso-heading">
      <CardHeader
        id="sso-heading"
        title="Single sign-on (OpenID Connect)"
        description="Google Workspace, Microsoft Entra ID or any OpenID Connect issuer. People sign in only with an email the provider has verified, matching an active Baton user (or created, if allowed)."
      />
      <CardBody>
        <SsoSettingsForm
          view={view}
          callbackUrl={appLink(`/api/auth/callback/${SSO_PROVIDER_ID}`)}
          teams={teams.map((t) => ({ id: t.id, name: t.name }))}
          admins={people.filter((p) => p.role === "admin").map((p) => ({ id: p.id, label: p.name ? `${p.name} (${p.email})` : p.email }))}
          save={saveSsoSettingsAction}
        />
      </CardBody>
    </Card>
  );
}
