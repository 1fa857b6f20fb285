CREATE TABLE "meeting_agenda_entries" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"sources" text[] NOT NULL,
	"item_id" uuid,
	"item_number" integer,
	"task_number" integer,
	"text" text NOT NULL,
	"reasons" text DEFAULT '' NOT NULL,
	"unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"discussion" text DEFAULT '' NOT NULL,
	CONSTRAINT "meeting_agenda_entries_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_entry_id" uuid,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"work_item_id" uuid,
	CONSTRAINT "meeting_decisions_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"chair" text DEFAULT '' NOT NULL,
	"attendee_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"agenda_generated_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by_label" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "meeting_agenda_entries" ADD CONSTRAINT "meeting_agenda_entries_district_id_meeting_id_meetings_district_id_id_fk" FOREIGN KEY ("district_id","meeting_id") REFERENCES "public"."meetings"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_district_id_meeting_id_meetings_district_id_id_fk" FOREIGN KEY ("district_id","meeting_id") REFERENCES "public"."meetings"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_district_id_agenda_entry_id_meeting_agenda_entries_district_id_id_fk" FOREIGN KEY ("district_id","agenda_entry_id") REFERENCES "public"."meeting_agenda_entries"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_district_id_owner_unit_id_units_district_id_id_fk" FOREIGN KEY ("district_id","owner_unit_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_agenda_entries_meeting" ON "meeting_agenda_entries" USING btree ("district_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting" ON "meeting_decisions" USING btree ("district_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_decisions_owner" ON "meeting_decisions" USING btree ("district_id","owner_unit_id");--> statement-breakpoint
CREATE INDEX "meetings_scheduled" ON "meetings" USING btree ("district_id","scheduled_at");