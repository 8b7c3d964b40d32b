import { desc, eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { saveChatWidgetOrigins } from "@/db/queries/chat-widget-settings";
import { auditLog, chatWidgetSettings } from "@/db/schema";
import { resetWidgetOriginsAction, saveWidgetOriginsAction } from "@/app/(console)/admin/connections/actions";
import { actionDefinitionOf, runAction } from "@/lib/action";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { allowedWidgetOrigins } from "@/lib/chat/widget-origins";
import { resetEnvCache } from "@/lib/env";
import { pageSecurityHeaders } from "@/lib/security/headers";
import { createTeam, createUser } from "../support/factories";

// The sites allowed to embed the chat widget: an admin's list on /admin/connections, the environment's as the default.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let admin: Actor;
let rep: Actor;
const as = (actor: Actor) => (allowed: readonly Parameters<typeof authorizeUser>[0]["allowed"][number][]) => authorizeUser({ userId: actor.id, allowed });
const save = (actor: Actor, origins: string) => runAction(actionDefinitionOf(saveWidgetOriginsAction)!, as(actor), { origins });
const reset = (actor: Actor) => runAction(actionDefinitionOf(resetWidgetOriginsAction)!, as(actor), {});
const frameAncestors = (origins: readonly string[]) =>
  /frame-ancestors ([^;]+)/.exec(pageSecurityHeaders("/chat", "n", { widgetOrigins: origins, dev: false, https: true })["Content-Security-Policy"]!)![1];
const audits = () => db.select().from(auditLog).where(eq(auditLog.entityType, "chat_widget_settings")).orderBy(desc(auditLog.id));

beforeAll(async () => {
  process.env.CHAT_WIDGET_ALLOWED_ORIGINS = "https://env.example.com";
  resetEnvCache();
  await db.delete(chatWidgetSettings);
  admin = await createUser({ role: "admin", teamId: null });
  rep = await createUser({ role: "rep", teamId: (await createTeam())!.id });
});

afterAll(async () => {
  delete process.env.CHAT_WIDGET_ALLOWED_ORIGINS;
  resetEnvCache();
  await db.delete(chatWidgetSettings);
});

describe("the chat widget's allowed sites", () => {
  it("default to the environment's; an admin's list replaces them (audited), a bad entry is named and nothing is saved, reset goes back", async () => {
    expect(await allowedWidgetOrigins()).toEqual({ origins: ["https://env.example.com"], source: "environment" });
    expect(frameAncestors((await allowedWidgetOrigins()).origins)).toBe("'self' https://env.example.com");

    const bad = await save(admin, "https://www.shop.example\nhttps://www.shop.example/pricing");
    expect(bad).toMatchObject({ ok: false, code: "bad_request" });
    expect(bad.ok ? "" : bad.error).toContain('"https://www.shop.example/pricing" is not a site\'s origin');
    expect(await db.select().from(chatWidgetSettings)).toHaveLength(0);
    expect(await audits()).toHaveLength(0);

    expect(await save(rep, "https://www.shop.example")).toMatchObject({ ok: false, code: "forbidden" });

    const saved = await save(admin, "https://www.shop.example\n https://blog.shop.example:8443/ ");
    expect(saved).toMatchObject({ ok: true, data: { origins: ["https://www.shop.example", "https://blog.shop.example:8443"] } });
    expect(await allowedWidgetOrigins()).toEqual({ origins: ["https://www.shop.example", "https://blog.shop.example:8443"], source: "database" });
    expect(frameAncestors((await allowedWidgetOrigins()).origins)).toBe("'self' https://www.shop.example https://blog.shop.example:8443");
    expect((await audits())[0]).toMatchObject({
      action: "chat_widget.update_origins",
      actorId: admin.id,
      before: { allowedOrigins: "(environment)" },
      after: { allowedOrigins: ["https://www.shop.example", "https://blog.shop.example:8443"] },
    });

    // An empty list is a choice, not "unset": only Baton's own pages frame the widget.
    await save(admin, "");
    expect(await allowedWidgetOrigins()).toEqual({ origins: [], source: "database" });
    expect(frameAncestors([])).toBe("'self'");

    expect(await reset(admin)).toMatchObject({ ok: true, data: { removed: true } });
    expect(await allowedWidgetOrigins()).toEqual({ origins: ["https://env.example.com"], source: "environment" });
    expect((await audits())[0]).toMatchObject({ action: "chat_widget.reset_origins", before: { allowedOrigins: [] } });
  });

  it("another app process's change applies at once: a site it removes is refused from this process's next page", async () => {
    await saveChatWidgetOrigins({ actor: admin, origins: ["https://elsewhere.example"] });
    expect(await allowedWidgetOrigins()).toEqual({ origins: ["https://elsewhere.example"], source: "database" });
    // Changed by another process, with plain SQL this process cannot hear about.
    await db.execute(dsql`update chat_widget_settings set allowed_origins = array['https://moved.example'] where singleton`);
    expect(await allowedWidgetOrigins()).toEqual({ origins: ["https://moved.example"], source: "database" });
    await db.execute(dsql`delete from chat_widget_settings`);
    expect(await allowedWidgetOrigins()).toEqual({ origins: ["https://env.example.com"], source: "environment" });
  });
});
