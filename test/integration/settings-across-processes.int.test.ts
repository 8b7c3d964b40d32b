import { randomBytes } from "node:crypto";
import { sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { connectionSettings } from "@/db/schema";
import { configuredCrmAdapter } from "@/lib/connections/configured-crm-adapter";
import { encryptSecret } from "@/lib/connections/encryption";
import { encryptionKey } from "@/lib/connections/encryption-key";
import { loadConnectionSettings, secretContext } from "@/lib/connections/load-connection-settings";
import { loadCrmChoice } from "@/lib/crm/crm-choice";
import { resetEnvCache } from "@/lib/env";

// Several app processes and workers share one Postgres: an admin saves in one of them, and each of
// the others must act on the change from its very next call. Each change here is a plain write, as
// another process makes it, that this process cannot hear about; a copy kept per process (the 5 s
// caches these settings had) fails every one of these.

beforeAll(() => {
  process.env.BATON_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  process.env.CRM_ADAPTER = "builtin";
  resetEnvCache();
});

afterAll(async () => {
  await db.delete(connectionSettings);
  delete process.env.BATON_ENCRYPTION_KEY;
  delete process.env.CRM_ADAPTER;
  resetEnvCache();
});

const slackToken = (token: string) => ({ botToken: encryptSecret(token, encryptionKey(), secretContext("slack", "botToken")) });

describe("settings saved by another process", () => {
  it("connection settings: a token another process replaces is used from the next call, and its removal too", async () => {
    await db.delete(connectionSettings);
    await db.insert(connectionSettings).values({ kind: "slack", config: { apiUrl: "https://slack.example/api/" }, secrets: slackToken("xoxb-first") });
    expect((await loadConnectionSettings()).slack).toMatchObject({ source: "database", botToken: "xoxb-first" });

    await db.execute(dsql`update connection_settings set secrets = ${JSON.stringify(slackToken("xoxb-second"))}::jsonb where kind = 'slack'`);
    expect((await loadConnectionSettings()).slack).toMatchObject({ source: "database", botToken: "xoxb-second" });

    await db.execute(dsql`delete from connection_settings where kind = 'slack'`);
    expect((await loadConnectionSettings()).slack.source).toBe("environment");
  });

  it("the CRM choice: a worker syncs to the CRM another process chose from its next sync, and back to the environment's", async () => {
    await db.delete(connectionSettings);
    expect(await loadCrmChoice()).toEqual({ adapter: "builtin", source: "environment" });
    expect((await configuredCrmAdapter()).name).toBe("builtin");

    await db.execute(dsql`insert into connection_settings (kind, config) values ('crm', '{"adapter":"hubspot"}'::jsonb)`);
    expect(await loadCrmChoice()).toEqual({ adapter: "hubspot", source: "database" });
    // HubSpot chosen with no token anywhere: the sync is refused as unconfigured rather than run on the built-in CRM.
    await expect(configuredCrmAdapter()).rejects.toThrow(/HubSpot is the chosen CRM but has no access token/);

    await db.execute(dsql`update connection_settings set config = '{"adapter":"salesforce"}'::jsonb where kind = 'crm'`);
    expect(await loadCrmChoice()).toEqual({ adapter: "salesforce", source: "database" });

    await db.execute(dsql`delete from connection_settings where kind = 'crm'`);
    expect(await loadCrmChoice()).toEqual({ adapter: "builtin", source: "environment" });
    expect((await configuredCrmAdapter()).name).toBe("builtin");
  });
});
