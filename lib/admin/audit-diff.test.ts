import { describe, expect, it } from "vitest";
import { auditDiff, formatAuditValue } from "@/lib/admin/audit-diff";

describe("the audit log's before/after diff", () => {
  it("lists only the fields that changed, nested values compared whole", () => {
    expect(auditDiff({ role: "rep", capacity: 10, match: { countries: ["ES"] } }, { role: "manager", capacity: 10, match: { countries: ["ES"] } })).toEqual([{ field: "role", before: "rep", after: "manager" }]);
    expect(auditDiff({ match: { countries: ["ES"] } }, { match: { countries: ["ES", "PT"] } })).toEqual([{ field: "match", before: { countries: ["ES"] }, after: { countries: ["ES", "PT"] } }]);
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
