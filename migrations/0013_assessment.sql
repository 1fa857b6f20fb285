CREATE TABLE "assessment_bonuses" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"month" text NOT NULL,
	"title" text NOT NULL,
	"entered_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_bonuses_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"example" boolean DEFAULT false NOT NULL,
	"report_deadline_day" integer DEFAULT 5 NOT NULL,
	"indicators" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "assessment_schemes_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "assessment_schemes_deadline" CHECK ("assessment_schemes"."report_deadline_day" BETWEEN 1 AND 28)
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"revision" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"rank_group" text NOT NULL,
	"total_centi" integer NOT NULL,
	"place" integer NOT NULL,
	"card" jsonb NOT NULL,
	"reason" text NOT NULL,
	"computed_by" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_scores_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "assessment_bonuses" ADD CONSTRAINT "assessment_bonuses_district_id_unit_id_units_district_id_id_fk" FOREIGN KEY ("district_id","unit_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_district_id_unit_id_units_district_id_id_fk" FOREIGN KEY ("district_id","unit_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_bonuses_month" ON "assessment_bonuses" USING btree ("district_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_schemes_year" ON "assessment_schemes" USING btree ("district_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_scores_unit" ON "assessment_scores" USING btree ("district_id","year","revision","unit_id");