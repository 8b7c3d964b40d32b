import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/admin/action-button";
import { ActionForm } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/field";
import { findUserById } from "@/db/queries/users";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { formatDateTime } from "@/lib/format";
import { pageActor } from "../page-actor";
import { changePasswordAction, saveProfileNameAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const { actor } = await pageActor();
  const user = await findUserById({ id: actor.id });
  const lastSignIn = user?.lastSignInAt
    ? `${formatDateTime(user.lastSignInAt)}${user.lastSignInMethod === "sso" ? " with single sign-on" : " with a password"}`
    : "not recorded";
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Your profile</h1>
        <p className="mt-1 text-sm text-slate-600">
          {actor.email} · {actor.role} · last signed in {lastSignIn}
        </p>
      </div>
      <Card>
        <CardHeader title="Name" description="How you appear to your team, on packages and in notifications." />
        <CardBody>
          <ActionForm
            action={saveProfileNameAction}
            success="Name saved."
            fieldLabels={{ name: "Name" }}
            label="Your name"
            className="flex flex-wrap items-end gap-2"
          >
            <div className="min-w-64 flex-1">
              <Label htmlFor="profile-name">Name</Label>
              <Input id="profile-name" name="name" defaultValue={actor.name ?? ""} required maxLength={200} />
            </div>
            <Button type="submit" variant="secondary">
              Save name
            </Button>
          </ActionForm>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Notifications" description="Where you hear about packages routed to you, reminders and escalations." />
        <CardBody>
          <Link href="/notifications" className="text-sm text-brand-700 hover:underline">
            Notification preferences and your booking link
          </Link>
        </CardBody>
      </Card>
      {user?.passwordHash ? (
        <Card>
          <CardHeader title="Change password" description="Your other sessions end at their next click; this one stays signed in." />
          <CardBody>
            <ActionForm
              action={changePasswordAction}
              success="Password changed. Your other sessions have ended."
              fieldLabels={{ currentPassword: "Current password", newPassword: "New password", confirmPassword: "Repeat the new password" }}
              label="Change password"
              resetOnSuccess
              className="grid gap-3 sm:grid-cols-3"
            >
              <input type="email" name="username" autoComplete="username" value={actor.email} readOnly hidden />
              <div>
                <Label htmlFor="current-password">Current password</Label>
                <Input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
              </div>
              <div>
                <Label htmlFor="new-password">New password</Label>
                <Input id="new-password" name="newPassword" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />
              </div>
              <div>
                <Label htmlFor="confirm-password">Repeat the new password</Label>
                <Input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password" required />
              </div>
              <div className="sm:col-span-3">
                <Button type="submit">Change password</Button>
              </div>
            </ActionForm>
          </CardBody>
        </Card>
      ) : null}
      <Card>
        <CardHeader title="Sessions" description="Signed in on a shared or lost computer? End every session of yours, this one included." />
        <CardBody>
          <ActionButton
            action={signOutEverywhereAction}
            fields={{}}
            success="Signed out everywhere."
            variant="danger"
            confirm="Sign out everywhere? Every browser signed in as you, this one included, is signed out."
          >
            Sign out everywhere
          </ActionButton>
        </CardBody>
      </Card>
    </div>
  );
}
