CREATE TABLE "grant_settings" (
	"district_id" text PRIMARY KEY NOT NULL,
	"min_notice_working_days" integer DEFAULT 5 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grant_objections" ADD COLUMN "receipt" text;--> statement-breakpoint
CREATE UNIQUE INDEX "grant_objections_receipt" ON "grant_objections" USING btree ("district_id","receipt");--> statement-breakpoint
CREATE INDEX "grant_objections_enterprise" ON "grant_objections" USING btree ("district_id","filed_by_enterprise");