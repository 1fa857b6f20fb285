CREATE TABLE "supervision_settings" (
	"district_id" text NOT NULL,
	"thresholds" jsonb NOT NULL,
	"ladder" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_settings_district_id_pk" PRIMARY KEY("district_id")
);
