CREATE TABLE "monitoring_runs" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"from_month" date NOT NULL,
	"to_month" date NOT NULL,
	"summary" jsonb NOT NULL,
	CONSTRAINT "monitoring_runs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE INDEX "monitoring_runs_latest" ON "monitoring_runs" USING btree ("district_id","finished_at");