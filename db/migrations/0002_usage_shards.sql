DROP INDEX "usage_counters_store_month_unique";--> statement-breakpoint
ALTER TABLE "usage_counters" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_counters_store_month_shard_unique" ON "usage_counters" USING btree ("store_id","month","shard");