import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT, LeakyBucketLimiter } from "@/server/api-v2/rate-limit";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("LeakyBucketLimiter", () => {
  it("defaults to Order Desk's bucket: 20 in a burst, 3 per second", () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ burst: 20, perSecond: 3 });
  });

  it("lets a burst through, counting down, then refuses with a retry time", () => {
    const time = clock();
    const limiter = new LeakyBucketLimiter({ burst: 20, perSecond: 3 }, time.now);
    const remaining = Array.from({ length: 20 }, () => limiter.take("store-1"));
    expect(remaining.every((d) => d.allowed)).toBe(true);
    expect(remaining.map((d) => d.remaining)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(limiter.take("store-1")).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it("refills at the configured rate, never above the burst", () => {
    const time = clock();
    const limiter = new LeakyBucketLimiter({ burst: 5, perSecond: 3 }, time.now);
    for (let i = 0; i < 5; i++) limiter.take("s");
    expect(limiter.take("s").allowed).toBe(false);
    time.advance(340); // 1.02 tokens
    expect(limiter.take("s")).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take("s").allowed).toBe(false);
    time.advance(1000); // +3
    expect([limiter.take("s"), limiter.take("s"), limiter.take("s"), limiter.take("s")].map((d) => d.allowed)).toEqual([true, true, true, false]);
    time.advance(3_600_000);
    expect(limiter.take("s").remaining).toBe(4);
  });

  it("says how long to wait when the refill is slow", () => {
    const time = clock();
    const limiter = new LeakyBucketLimiter({ burst: 1, perSecond: 0.25 }, time.now);
    expect(limiter.take("s").allowed).toBe(true);
    expect(limiter.take("s").retryAfterSeconds).toBe(4);
    time.advance(2500);
    expect(limiter.take("s")).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 2 });
  });

  it("keeps one bucket per store", () => {
    const time = clock();
    const limiter = new LeakyBucketLimiter({ burst: 2, perSecond: 1 }, time.now);
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b")).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("forgets idle stores once it tracks many", () => {
    const time = clock();
    const limiter = new LeakyBucketLimiter({ burst: 2, perSecond: 1 }, time.now);
    for (let i = 0; i < 10_001; i++) limiter.take(`store-${i}`);
    expect(limiter.size).toBe(10_001);
    time.advance(5_000);
    limiter.take("busy");
    expect(limiter.size).toBe(1);
  });
});
