import { describe, expect, it } from "vitest";
import type { QueueLag } from "@/db/queries/worker-watch";
import { judgeQueueHealth, stallNotice, stalledQueues } from "@/lib/jobs/queue-health";

const lag = (queue: string, ready: number, oldestReadySeconds: number): QueueLag => ({
  queue,
  ready,
  oldestReadySeconds,
  oldestReadyJobId: ready ? "j1" : null,
  running: 0,
  longestRunningSeconds: 0,
});

describe("queue health", () => {
  it("calls a queue stuck only when a ready job waited past the threshold", () => {
    const lags = [lag("notify", 3, 301), lag("crm-sync", 900, 299), lag("remind", 0, 0)];
    expect(stalledQueues(lags, 300).map((l) => l.queue)).toEqual(["notify"]);
  });

  it("calls a queue stuck when a job has run past the threshold (a hung handler)", () => {
    const hung = { ...lag("crm-sync", 0, 0), running: 1, longestRunningSeconds: 301 };
    expect(stalledQueues([hung, { ...lag("notify", 0, 0), running: 4, longestRunningSeconds: 12 }], 300).map((l) => l.queue)).toEqual(["crm-sync"]);
    expect(stallNotice("crm-sync", hung, "http://127.0.0.1:3000").body).toContain("has a job that has run for 5 min");
  });

  it("is unhealthy when a queue is stuck, and reports a silent worker without failing on it alone", () => {
    expect(judgeQueueHealth({ lags: [lag("notify", 1, 400)], newestBeatSeconds: 2, stallSeconds: 300, silentSeconds: 30 })).toEqual({
      ok: false,
      workerSilentFor: 2,
      workerSilent: false,
      stalled: ["notify"],
    });
    expect(judgeQueueHealth({ lags: [lag("notify", 0, 0)], newestBeatSeconds: null, stallSeconds: 300, silentSeconds: 30 })).toEqual({
      ok: true,
      workerSilentFor: null,
      workerSilent: true,
      stalled: [],
    });
    expect(judgeQueueHealth({ lags: [], newestBeatSeconds: 31, stallSeconds: 300, silentSeconds: 30 }).workerSilent).toBe(true);
  });

  it("says which queue, how many wait and for how long", () => {
    const notice = stallNotice("crm-sync", lag("crm-sync", 12, 480), "http://127.0.0.1:3000");
    expect(notice.title).toBe("Background jobs stuck: crm-sync");
    expect(notice.body).toContain("12 jobs waiting; the oldest has waited 8 min");
    expect(notice.text).toContain("http://127.0.0.1:3000/admin/jobs");
  });
});
