CREATE TABLE "library_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "library_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"owner_user_id" integer NOT NULL,
	"name" text NOT NULL,
	"graph" jsonb NOT NULL,
	"folder_names" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rules" ADD COLUMN "library_rule_id" integer;--> statement-breakpoint
ALTER TABLE "rules" ADD COLUMN "library_version" integer;--> statement-breakpoint
ALTER TABLE "rules" ADD COLUMN "overridden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "library_rules" ADD CONSTRAINT "library_rules_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "library_rules_owner_idx" ON "library_rules" USING btree ("owner_user_id");--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_library_rule_id_library_rules_id_fk" FOREIGN KEY ("library_rule_id") REFERENCES "public"."library_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rules_library_rule_idx" ON "rules" USING btree ("library_rule_id");