CREATE TABLE "domain_event_deliveries" (
	"district_id" text NOT NULL,
	"event_id" uuid NOT NULL,
	"subscriber" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 10 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "domain_event_deliveries_district_id_event_id_subscriber_pk" PRIMARY KEY("district_id","event_id","subscriber")
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fanned_out_at" timestamp with time zone,
	CONSTRAINT "domain_events_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "domain_event_deliveries" ADD CONSTRAINT "domain_event_deliveries_district_id_event_id_domain_events_district_id_id_fk" FOREIGN KEY ("district_id","event_id") REFERENCES "public"."domain_events"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domain_event_deliveries_due" ON "domain_event_deliveries" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "domain_events_unfanned" ON "domain_events" USING btree ("created_at") WHERE "domain_events"."fanned_out_at" IS NULL;