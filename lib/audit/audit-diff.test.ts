import { describe, expect, it } from "vitest";
import { auditDiff, formatAuditValue, idsIn } from "@/lib/audit/audit-diff";

describe("the audit log's before/after diff", () => {
  it("lists only the fields that changed, nested values compared whole", () => {
    expect(auditDiff({ role: "rep", capacity: 10, match: { countries: ["ES"] } }, { role: "manager", capacity: 10, match: { countries: ["ES"] } })).toEqual([
      { field: "role", before: "rep", after: "manager" },
    ]);
    expect(auditDiff({ match: { countries: ["ES"] } }, { match: { countries: ["ES", "PT"] } })).toEqual([
      { field: "match", before: { countries: ["ES"] }, after: { countries: ["ES", "PT"] } },
    ]);
  });

  it("shows every field of a creation and of a deletion", () => {
    expect(auditDiff(null, { name: "Web", prefix: "baton_abc" })).toEqual([
      { field: "name", before: undefined, after: "Web" },
      { field: "prefix", before: undefined, after: "baton_abc" },
    ]);
    expect(auditDiff({ name: "Old" }, null)).toEqual([{ field: "name", before: "Old", after: undefined }]);
  });

  it("formats values in a line", () => {
    expect(formatAuditValue(["Alpha", "Beta"])).toBe("Alpha, Beta");
    expect(formatAuditValue(null)).toBe("none");
    expect(formatAuditValue(undefined)).toBe("—");
    expect(formatAuditValue({ kind: "queue", teamId: null })).toBe('{"kind":"queue","teamId":null}');
  });
});

describe("ids in audit values, and their names", () => {
  const team = "0b0f6c1e-4a57-4a0e-9d3a-1f2e3d4c5b6a";
  const user = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  it("finds every id-shaped string, however deep, and nothing else", () => {
    expect(idsIn([user, { teamId: team, target: { kind: "team", teamId: team } }, "baton_abc", 42, null])).toEqual(new Set([user, team]));
    expect(idsIn({ name: "not-a-uuid", prefix: "0b0f6c1e" })).toEqual(new Set());
  });

  it("shows a known id as its name, inside objects and lists too; an unknown id stays as it is", () => {
    const names = new Map([
      [team, "Inbound EMEA"],
      [user, "Dana Reyes"],
    ]);
    expect(formatAuditValue(team, names)).toBe("Inbound EMEA");
    expect(formatAuditValue({ kind: "user", userId: user }, names)).toBe('{"kind":"user","userId":"Dana Reyes"}');
    expect(formatAuditValue([user, team], names)).toBe("Dana Reyes, Inbound EMEA");
    expect(formatAuditValue("5d0c3f0e-1111-4222-8333-944455556666", names)).toBe("5d0c3f0e-1111-4222-8333-944455556666");
  });
});
