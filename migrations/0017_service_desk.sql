CREATE TABLE "service_desk_configs" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"saved_by_label" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_desk_configs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_request_attachments" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_label" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_request_attachments_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_request_events" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"unit_id" uuid,
	"data" jsonb,
	CONSTRAINT "service_request_events_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"subdistrict_id" uuid NOT NULL,
	"category" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"publish_consent" boolean DEFAULT false NOT NULL,
	"publication_withheld" boolean DEFAULT false NOT NULL,
	"channel" text DEFAULT 'online' NOT NULL,
	"state" text NOT NULL,
	"unit_id" uuid,
	"handled_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"return_suggested_unit_id" uuid,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_on" date NOT NULL,
	"filed_by_label" text NOT NULL,
	"dispatched_on" date,
	"accept_due_on" date,
	"accepted_at" timestamp with time zone,
	"accepted_on" date,
	"round_started_on" date NOT NULL,
	"answer_days" integer NOT NULL,
	"extension_days" integer DEFAULT 0 NOT NULL,
	"pending_extension" jsonb,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer_due_on" date,
	"first_answer_due_on" date,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"first_answered_on" date,
	"first_answer_working_days" integer,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"rating_auto" boolean DEFAULT false NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"needs_coordination" boolean DEFAULT false NOT NULL,
	"coordination_note" text,
	"coordination_flagged_at" timestamp with time zone,
	"overdue_flagged_on" date,
	"accept_overdue_flagged_on" date,
	"supervised" boolean DEFAULT false NOT NULL,
	"duplicate_of_id" uuid,
	"duplicate_score" numeric,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_requests_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "service_requests_urgency" CHECK ("service_requests"."urgency" IN ('normal', 'urgent')),
	CONSTRAINT "service_requests_reopen" CHECK ("service_requests"."reopen_count" BETWEEN 0 AND 1)
);
--> statement-breakpoint
ALTER TABLE "supervision_items" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "service_request_attachments" ADD CONSTRAINT "service_request_attachments_district_id_request_id_service_requests_district_id_id_fk" FOREIGN KEY ("district_id","request_id") REFERENCES "public"."service_requests"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_district_id_request_id_service_requests_district_id_id_fk" FOREIGN KEY ("district_id","request_id") REFERENCES "public"."service_requests"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_district_id_enterprise_id_enterprises_district_id_id_fk" FOREIGN KEY ("district_id","enterprise_id") REFERENCES "public"."enterprises"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_district_id_unit_id_units_district_id_id_fk" FOREIGN KEY ("district_id","unit_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_district_id_subdistrict_id_units_district_id_id_fk" FOREIGN KEY ("district_id","subdistrict_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_desk_configs_version" ON "service_desk_configs" USING btree ("district_id","version");--> statement-breakpoint
CREATE INDEX "service_request_attachments_request" ON "service_request_attachments" USING btree ("district_id","request_id");--> statement-breakpoint
CREATE INDEX "service_request_events_request" ON "service_request_events" USING btree ("district_id","request_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_requests_seq" ON "service_requests" USING btree ("district_id","seq");--> statement-breakpoint
CREATE INDEX "service_requests_enterprise" ON "service_requests" USING btree ("district_id","enterprise_id","filed_at");--> statement-breakpoint
CREATE INDEX "service_requests_unit" ON "service_requests" USING btree ("district_id","unit_id","state");--> statement-breakpoint
CREATE INDEX "service_requests_subdistrict" ON "service_requests" USING btree ("district_id","subdistrict_id","filed_at");--> statement-breakpoint
CREATE INDEX "service_requests_filed" ON "service_requests" USING btree ("district_id","filed_on");--> statement-breakpoint
CREATE INDEX "service_requests_state" ON "service_requests" USING btree ("district_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_items_subject" ON "supervision_items" USING btree ("district_id","subject");