CREATE TABLE "order_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"store_id" integer NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text DEFAULT '' NOT NULL,
	"actor_label" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"store_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"price" numeric(18, 4) DEFAULT '0' NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"weight" numeric(14, 4) DEFAULT '0' NOT NULL,
	"delivery_type" text DEFAULT 'ship' NOT NULL,
	"category_code" text DEFAULT '' NOT NULL,
	"fulfillment_method" text DEFAULT '' NOT NULL,
	"variation_list" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "order_items_quantity_nonnegative" CHECK ("order_items"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "order_notes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"store_id" integer NOT NULL,
	"username" text NOT NULL,
	"content" text NOT NULL,
	"date_added" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_shipments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_shipments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"store_id" integer NOT NULL,
	"tracking_number" text DEFAULT '' NOT NULL,
	"carrier_code" text DEFAULT '' NOT NULL,
	"shipment_method" text DEFAULT '' NOT NULL,
	"tracking_url" text DEFAULT '' NOT NULL,
	"weight" numeric(14, 4) DEFAULT '0' NOT NULL,
	"cost" numeric(18, 4) DEFAULT '0' NOT NULL,
	"status" text DEFAULT '' NOT NULL,
	"label_format" text DEFAULT '' NOT NULL,
	"label_image" text DEFAULT '' NOT NULL,
	"print_status" text DEFAULT '' NOT NULL,
	"source" text DEFAULT 'Manual' NOT NULL,
	"cart_shipment_id" text DEFAULT '' NOT NULL,
	"mirrored_from_shipment_id" bigint,
	"date_shipped" text DEFAULT '' NOT NULL,
	"date_added" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1),
	"store_id" integer NOT NULL,
	"folder_id" integer NOT NULL,
	"source_name" text NOT NULL,
	"source_id" text,
	"email" text DEFAULT '' NOT NULL,
	"shipping_method" text DEFAULT '' NOT NULL,
	"quantity_total" integer DEFAULT 0 NOT NULL,
	"weight_total" numeric(14, 4) DEFAULT '0' NOT NULL,
	"product_total" numeric(18, 4) DEFAULT '0' NOT NULL,
	"shipping_total" numeric(18, 4) DEFAULT '0' NOT NULL,
	"handling_total" numeric(18, 4) DEFAULT '0' NOT NULL,
	"tax_total" numeric(18, 4) DEFAULT '0' NOT NULL,
	"discount_total" numeric(18, 4) DEFAULT '0' NOT NULL,
	"order_total" numeric(18, 4) DEFAULT '0' NOT NULL,
	"cc_number_masked" text DEFAULT '' NOT NULL,
	"cc_exp" text DEFAULT '' NOT NULL,
	"processor_response" text DEFAULT '' NOT NULL,
	"payment_type" text DEFAULT '' NOT NULL,
	"payment_status" text DEFAULT '' NOT NULL,
	"processor_balance" numeric(18, 4) DEFAULT '0' NOT NULL,
	"refund_total" numeric(18, 4) DEFAULT '0' NOT NULL,
	"customer_id" text DEFAULT '' NOT NULL,
	"email_count" integer DEFAULT 0 NOT NULL,
	"ip_address" text DEFAULT '' NOT NULL,
	"fulfillment_name" text DEFAULT '' NOT NULL,
	"fulfillment_id" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"shipping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"customer" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"return_address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checkout_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"order_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"discount_list" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_name" text DEFAULT '' NOT NULL,
	"parent_order_id" bigint,
	"copied_from_order_id" bigint,
	"date_added" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"date_updated" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_quantity_total_nonnegative" CHECK ("orders"."quantity_total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "store_tags" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "store_tags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"name" text NOT NULL,
	"color" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_counters" (
	"store_id" integer NOT NULL,
	"month" text NOT NULL,
	"orders_created" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"store_id" integer NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	CONSTRAINT "outbox_events_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "inventory_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inventory_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"code" text NOT NULL,
	"price" numeric(18, 4) DEFAULT '0' NOT NULL,
	"cost" numeric(18, 4) DEFAULT '0' NOT NULL,
	"weight" numeric(14, 4) DEFAULT '0' NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"update_source" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_items_code_not_empty" CHECK (length("inventory_items"."code") > 0)
);
--> statement-breakpoint
DROP INDEX "audit_events_store_created_idx";--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "decrement_stock_on_order" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "order_history" ADD CONSTRAINT "order_history_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_notes" ADD CONSTRAINT "order_notes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_shipments" ADD CONSTRAINT "order_shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_folder_id_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."folders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_tags" ADD CONSTRAINT "store_tags_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_history_order_idx" ON "order_history" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_items_order_idx" ON "order_items" USING btree ("order_id","position");--> statement-breakpoint
CREATE INDEX "order_items_store_code_idx" ON "order_items" USING btree ("store_id",lower("code"));--> statement-breakpoint
CREATE INDEX "order_notes_order_idx" ON "order_notes" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_shipments_order_idx" ON "order_shipments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_shipments_store_idx" ON "order_shipments" USING btree ("store_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_store_source_unique" ON "orders" USING btree ("store_id","source_name","source_id") WHERE "orders"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "orders_store_folder_added_idx" ON "orders" USING btree ("store_id","folder_id","date_added","id");--> statement-breakpoint
CREATE INDEX "orders_store_added_idx" ON "orders" USING btree ("store_id","date_added","id");--> statement-breakpoint
CREATE INDEX "orders_store_updated_idx" ON "orders" USING btree ("store_id","date_updated","id");--> statement-breakpoint
CREATE INDEX "orders_store_source_id_idx" ON "orders" USING btree ("store_id","source_id");--> statement-breakpoint
CREATE INDEX "orders_store_email_idx" ON "orders" USING btree ("store_id",lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_store_name_idx" ON "orders" USING btree ("store_id","search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_tags_idx" ON "orders" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "orders_parent_idx" ON "orders" USING btree ("parent_order_id");--> statement-breakpoint
CREATE INDEX "orders_copied_from_idx" ON "orders" USING btree ("copied_from_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "store_tags_store_name_unique" ON "store_tags" USING btree ("store_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "usage_counters_store_month_unique" ON "usage_counters" USING btree ("store_id","month");--> statement-breakpoint
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" USING btree ("next_attempt_at","id") WHERE "outbox_events"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_events_store_idx" ON "outbox_events" USING btree ("store_id","id");--> statement-breakpoint
CREATE INDEX "api_keys_store_idx" ON "api_keys" USING btree ("store_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_items_store_code_unique" ON "inventory_items" USING btree ("store_id",lower("code"));--> statement-breakpoint
CREATE INDEX "inventory_items_store_name_idx" ON "inventory_items" USING btree ("store_id",lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "audit_events_store_id_idx" ON "audit_events" USING btree ("store_id","id");