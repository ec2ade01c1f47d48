CREATE TABLE "import_remote_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_remote_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"template_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"file_size" bigint NOT NULL,
	"modified" text NOT NULL,
	"status" text NOT NULL,
	"run_id" integer,
	"claim_token" text,
	"claimed_until" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_templates" ADD COLUMN "source" jsonb;--> statement-breakpoint
ALTER TABLE "import_templates" ADD COLUMN "schedule" text;--> statement-breakpoint
ALTER TABLE "import_templates" ADD COLUMN "mode" text DEFAULT 'valid_rows' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_templates" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_templates" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "import_remote_files" ADD CONSTRAINT "import_remote_files_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_remote_files" ADD CONSTRAINT "import_remote_files_template_id_import_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."import_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_remote_files" ADD CONSTRAINT "import_remote_files_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_remote_files_key" ON "import_remote_files" USING btree ("template_id","file_name","file_size","modified");--> statement-breakpoint
CREATE INDEX "import_remote_files_store_idx" ON "import_remote_files" USING btree ("store_id","template_id");