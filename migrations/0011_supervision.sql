CREATE TABLE "supervision_attachments" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_label" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supervision_attachments_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "supervision_items" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"task_id" uuid,
	"title" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"responsible_people" text DEFAULT '' NOT NULL,
	"start_date" date NOT NULL,
	"due_date" date NOT NULL,
	"kind" text NOT NULL,
	"goal_quantity" numeric,
	"goal_unit" text,
	"target_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"source_ref" text DEFAULT '' NOT NULL,
	"meeting_id" uuid,
	"cadence_months" integer DEFAULT 1 NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"declared_status" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_items_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "supervision_items_dates" CHECK ("supervision_items"."due_date" >= "supervision_items"."start_date"),
	CONSTRAINT "supervision_items_cadence" CHECK ("supervision_items"."cadence_months" BETWEEN 1 AND 12)
);
--> statement-breakpoint
CREATE TABLE "supervision_reports" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"progress" text NOT NULL,
	"quantity_done" numeric,
	"percent" integer,
	"problems" text DEFAULT '' NOT NULL,
	"next_steps" text DEFAULT '' NOT NULL,
	"needs_coordination" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"return_reason" text,
	"origin" text DEFAULT 'form' NOT NULL,
	"submitted_by" uuid,
	"submitted_by_label" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by_label" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "supervision_reports_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "supervision_reports_percent" CHECK ("supervision_reports"."percent" IS NULL OR "supervision_reports"."percent" BETWEEN 0 AND 100)
);
--> statement-breakpoint
ALTER TABLE "supervision_attachments" ADD CONSTRAINT "supervision_attachments_district_id_report_id_supervision_reports_district_id_id_fk" FOREIGN KEY ("district_id","report_id") REFERENCES "public"."supervision_reports"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_district_id_task_id_plan_tasks_district_id_id_fk" FOREIGN KEY ("district_id","task_id") REFERENCES "public"."plan_tasks"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_district_id_owner_unit_id_units_district_id_id_fk" FOREIGN KEY ("district_id","owner_unit_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_reports" ADD CONSTRAINT "supervision_reports_district_id_item_id_supervision_items_district_id_id_fk" FOREIGN KEY ("district_id","item_id") REFERENCES "public"."supervision_items"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_attachments_report" ON "supervision_attachments" USING btree ("district_id","report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_items_number" ON "supervision_items" USING btree ("district_id","number");--> statement-breakpoint
CREATE INDEX "supervision_items_owner" ON "supervision_items" USING btree ("district_id","owner_unit_id");--> statement-breakpoint
CREATE INDEX "supervision_items_task" ON "supervision_items" USING btree ("district_id","task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_reports_version" ON "supervision_reports" USING btree ("district_id","item_id","period","version");