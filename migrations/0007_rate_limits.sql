CREATE TABLE "rate_limits" (
	"district_id" text NOT NULL,
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limits_district_id_bucket_key_pk" PRIMARY KEY("district_id","bucket","key")
);
--> statement-breakpoint
CREATE INDEX "rate_limits_window" ON "rate_limits" USING btree ("district_id","window_start");