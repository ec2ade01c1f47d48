CREATE TABLE "order_counts" (
	"store_id" integer NOT NULL,
	"folder_id" integer NOT NULL,
	"shard" smallint NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "order_counts_store_id_folder_id_shard_pk" PRIMARY KEY("store_id","folder_id","shard")
);
--> statement-breakpoint
-- Kept by statement-level triggers with transition tables: one grouped upsert per statement, on the
-- writer connection's own shard. Skipped for stores being deleted (the cascade deletes orders too).
CREATE FUNCTION order_counts_add(delta_rows jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO order_counts (store_id, folder_id, shard, count)
  SELECT d.store_id, d.folder_id, pg_backend_pid() % 32, sum(d.delta)
  FROM jsonb_to_recordset(delta_rows) AS d(store_id integer, folder_id integer, delta bigint)
  WHERE EXISTS (SELECT 1 FROM stores s WHERE s.id = d.store_id)
  GROUP BY d.store_id, d.folder_id
  HAVING sum(d.delta) <> 0
  ORDER BY d.store_id, d.folder_id
  ON CONFLICT (store_id, folder_id, shard) DO UPDATE SET count = order_counts.count + excluded.count
$$;
--> statement-breakpoint
CREATE FUNCTION order_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM order_counts_add((SELECT jsonb_agg(g) FROM (SELECT store_id, folder_id, count(*) AS delta FROM new_rows GROUP BY 1, 2) g));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION order_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM order_counts_add((SELECT jsonb_agg(g) FROM (SELECT store_id, folder_id, -count(*) AS delta FROM old_rows GROUP BY 1, 2) g));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION order_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose store or folder changed move a count; other updates write nothing.
  PERFORM order_counts_add((
    SELECT jsonb_agg(g) FROM (
      SELECT store_id, folder_id, sum(delta) AS delta FROM (
        SELECT o.store_id, o.folder_id, -1 AS delta FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.store_id, o.folder_id) IS DISTINCT FROM (n.store_id, n.folder_id)
        UNION ALL
        SELECT n.store_id, n.folder_id, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.store_id, o.folder_id) IS DISTINCT FROM (n.store_id, n.folder_id)
      ) moved GROUP BY 1, 2
    ) g));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER order_counts_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_counts_after_insert();
--> statement-breakpoint
CREATE TRIGGER order_counts_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION order_counts_after_delete();
--> statement-breakpoint
CREATE TRIGGER order_counts_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_counts_after_update();
--> statement-breakpoint
INSERT INTO order_counts (store_id, folder_id, shard, count) SELECT store_id, folder_id, 0, count(*) FROM orders GROUP BY store_id, folder_id;
