import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobRuns, jobSteps } from "@/db/schema";
import { EmbeddedEngine } from "@/server/inngest/embedded-engine";
import type { JobDefinition, JobEvent } from "@/server/inngest/types";
import { createTestDatabase } from "../helpers/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

let eventCounter = 0;
const eventFor = (name: string, data: Record<string, unknown> = {}): JobEvent => ({ id: `evt-${++eventCounter}`, name, data, ts: Date.now() });
const runsOf = (functionId: string) => handle.db.select().from(jobRuns).where(eq(jobRuns.functionId, functionId));

describe("embedded engine", () => {
  it("memoizes completed steps: a failed step retries the run without repeating the steps before it", async () => {
    const calls = { first: 0, second: 0 };
    const job: JobDefinition = {
      id: "memo-job",
      name: "memo",
      triggers: [{ event: "order/created" }],
      retries: 3,
      async handler({ step }) {
        const a = await step.run("first", () => {
          calls.first += 1;
          return { value: 41 };
        });
        const b = await step.run("second", () => {
          calls.second += 1;
          if (calls.second === 1) throw new Error("flaky");
          return a.value + 1;
        });
        return { b };
      },
    };
    let now = new Date();
    const engine = new EmbeddedEngine(handle.db, [job], { now: () => now });
    await engine.enqueue(eventFor("order/created"), 1);
    await engine.drain();
    const [afterFailure] = await runsOf("memo-job");
    expect(afterFailure).toMatchObject({ status: "queued", attempts: 1, lastError: "flaky" });
    expect(afterFailure!.runAt.getTime()).toBeGreaterThan(now.getTime());
    now = new Date(afterFailure!.runAt.getTime() + 1);
    await engine.drain();
    const [done] = await runsOf("memo-job");
    expect(done).toMatchObject({ status: "completed", result: { b: 42 } });
    expect(calls).toEqual({ first: 1, second: 2 });
  });

  it("gives up after the retries and keeps the error", async () => {
    const job: JobDefinition = { id: "always-fails", name: "x", triggers: [{ event: "order/updated" }], retries: 1, handler: async () => Promise.reject(new Error("down")) };
    let now = new Date();
    const engine = new EmbeddedEngine(handle.db, [job], { now: () => now });
    await engine.enqueue(eventFor("order/updated"), 1);
    await engine.drain();
    now = new Date(now.getTime() + 60_000);
    await engine.drain();
    expect((await runsOf("always-fails"))[0]).toMatchObject({ status: "failed", attempts: 2, lastError: "down" });
  });

  it("parks a sleeping run until its wake-up time and resumes after the sleep", async () => {
    const seen: string[] = [];
    const job: JobDefinition = {
      id: "sleeper",
      name: "sleeper",
      triggers: [{ event: "shipment/created" }],
      retries: 0,
      async handler({ step }) {
        await step.run("before", () => seen.push("before"));
        await step.sleep("nap", "5m");
        await step.run("after", () => seen.push("after"));
        return "done";
      },
    };
    let now = new Date();
    const engine = new EmbeddedEngine(handle.db, [job], { now: () => now });
    await engine.enqueue(eventFor("shipment/created"), 1);
    await engine.drain();
    expect(seen).toEqual(["before"]);
    expect((await runsOf("sleeper"))[0]!.status).toBe("queued");
    now = new Date(now.getTime() + 4 * 60_000);
    await engine.drain();
    expect(seen).toEqual(["before"]);
    now = new Date(now.getTime() + 2 * 60_000);
    await engine.drain();
    expect(seen).toEqual(["before", "after"]);
    expect((await runsOf("sleeper"))[0]!.status).toBe("completed");
  });

  it("resumes a run whose server died after its lease passed, without repeating completed steps", async () => {
    const calls: string[] = [];
    const job: JobDefinition = {
      id: "resumable",
      name: "resumable",
      triggers: [{ event: "order/split" }],
      retries: 0,
      async handler({ step }) {
        await step.run("one", () => calls.push("one"));
        await step.run("two", () => calls.push("two"));
        return calls.length;
      },
    };
    // A run a dead server claimed, with step "one" done.
    const [run] = await handle.db
      .insert(jobRuns)
      .values({ functionId: "resumable", eventId: "dead-1", concurrencyKey: "store:9", event: { name: "order/split", data: {}, ts: 0 }, status: "running", leaseUntil: new Date(Date.now() + 60_000) })
      .returning();
    await handle.db.insert(jobSteps).values({ runId: run!.id, stepId: "one", output: 1 });
    let now = new Date();
    const engine = new EmbeddedEngine(handle.db, [job], { now: () => now });
    expect(await engine.drain()).toBe(0); // lease still held
    now = new Date(now.getTime() + 120_000);
    expect(await engine.drain()).toBe(1);
    expect(calls).toEqual(["two"]);
    expect((await runsOf("resumable"))[0]!.status).toBe("completed");
  });

  it("runs one run at a time per store, and a repeated event id adds no run", async () => {
    let active = 0;
    let maxActive = 0;
    const job: JobDefinition = {
      id: "per-store",
      name: "per-store",
      triggers: [{ event: "order/deleted" }],
      retries: 0,
      async handler({ step }) {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await step.run("work", () => new Promise((r) => setTimeout(r, 20)));
        active -= 1;
        return null;
      },
    };
    const engine = new EmbeddedEngine(handle.db, [job]);
    const event = eventFor("order/deleted");
    await engine.enqueue(event, 5);
    await engine.enqueue(event, 5);
    await engine.enqueue(eventFor("order/deleted"), 5);
    expect(await runsOf("per-store")).toHaveLength(2);
    await Promise.all([engine.drain(), new EmbeddedEngine(handle.db, [job]).drain()]);
    expect(maxActive).toBe(1);
    expect((await runsOf("per-store")).every((r) => r.status === "completed")).toBe(true);
  });

  it("enqueues a cron function once per due minute", async () => {
    const job: JobDefinition = { id: "every-minute", name: "tick", triggers: [{ cron: "* * * * *" }], retries: 0, handler: async ({ event }) => event.data.slot };
    let now = new Date("2026-11-27T09:00:30Z");
    const engine = new EmbeddedEngine(handle.db, [job], { now: () => now });
    await engine.enqueueCron();
    await engine.enqueueCron();
    await new EmbeddedEngine(handle.db, [job], { now: () => now }).enqueueCron();
    now = new Date("2026-11-27T09:01:05Z");
    await engine.enqueueCron();
    await engine.drain();
    const runs = await runsOf("every-minute");
    expect(runs.map((r) => r.result).sort()).toEqual(["2026-11-27T09:00:00.000Z", "2026-11-27T09:01:00.000Z"]);
  });
});
