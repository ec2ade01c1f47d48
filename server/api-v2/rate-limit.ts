/**
 * Order Desk's REST rate limit: a leaky bucket per store that holds `burst` requests and drains
 * (refills, seen from the client) at `perSecond`. Modelled as a token count that grows back with
 * time, so nothing has to tick in the background.
 *
 * The buckets live in this process's memory: with several servers behind a load balancer each
 * keeps its own, so a store may get up to `burst` x servers in a burst. That is acceptable for
 * protecting the servers; a shared limit would need PostgreSQL or Redis on every request.
 */
export interface RateLimitConfig {
  burst: number;
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { burst: 20, perSecond: 3 };

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole requests left in the bucket after this one (X-Tokens-Remaining). */
  remaining: number;
  /** When refused: whole seconds until one request fits again (X-Retry-After). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Above this many tracked stores, full buckets (idle stores) are dropped: they carry no state. */
const SWEEP_ABOVE = 10_000;

export class LeakyBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request's token from `key`'s bucket, if there is one. */
  take(key: string): RateLimitDecision {
    const at = this.now();
    const bucket = this.refilled(key, at);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      if (this.buckets.size > SWEEP_ABOVE) this.sweep(at);
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    this.buckets.set(key, bucket);
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.config.perSecond)) };
  }

  private refilled(key: string, at: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.config.burst, at };
    const elapsedSeconds = Math.max(0, at - bucket.at) / 1000;
    return { tokens: Math.min(this.config.burst, bucket.tokens + elapsedSeconds * this.config.perSecond), at };
  }

  private sweep(at: number) {
    for (const key of this.buckets.keys()) {
      if (this.refilled(key, at).tokens >= this.config.burst) this.buckets.delete(key);
    }
  }

  get size() {
    return this.buckets.size;
  }
}
