CREATE TABLE "supervision_colour_history" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"day" date NOT NULL,
	"colour" text NOT NULL,
	"expected" integer NOT NULL,
	"reported" integer,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supervision_colour_history_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "supervision_notices" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"level" text NOT NULL,
	"previous_id" uuid,
	"state" text DEFAULT 'issued' NOT NULL,
	"origin" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"issued_on" date NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by_label" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" text NOT NULL,
	"facts" jsonb NOT NULL,
	"response_due" date NOT NULL,
	"acknowledged_by_label" text,
	"acknowledged_at" timestamp with time zone,
	"remediation" text,
	"responded_by_label" text,
	"responded_at" timestamp with time zone,
	"closed_by_label" text,
	"closed_at" timestamp with time zone,
	"closed_on" date,
	"close_note" text,
	CONSTRAINT "supervision_notices_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "supervision_notices_level" CHECK ("supervision_notices"."level" IN ('blue', 'yellow', 'red'))
);
--> statement-breakpoint
ALTER TABLE "supervision_colour_history" ADD CONSTRAINT "supervision_colour_history_district_id_item_id_supervision_items_district_id_id_fk" FOREIGN KEY ("district_id","item_id") REFERENCES "public"."supervision_items"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_district_id_item_id_supervision_items_district_id_id_fk" FOREIGN KEY ("district_id","item_id") REFERENCES "public"."supervision_items"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_district_id_unit_id_units_district_id_id_fk" FOREIGN KEY ("district_id","unit_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_colour_history_day" ON "supervision_colour_history" USING btree ("district_id","item_id","day");--> statement-breakpoint
CREATE INDEX "supervision_notices_item" ON "supervision_notices" USING btree ("district_id","item_id");--> statement-breakpoint
CREATE INDEX "supervision_notices_unit" ON "supervision_notices" USING btree ("district_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_notices_open" ON "supervision_notices" USING btree ("district_id","item_id") WHERE state IN ('issued', 'acknowledged', 'responded');