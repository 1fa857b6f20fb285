CREATE TABLE "grant_batch_events" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"step" text NOT NULL,
	"actor" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "grant_batch_events_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "grant_batches" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"policy_version" integer NOT NULL,
	"period" date NOT NULL,
	"status" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"notice_days" integer NOT NULL,
	"notice_starts_on" date,
	"notice_ends_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "grant_batches_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "grant_items" (
	"district_id" text NOT NULL,
	"batch_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"passed" boolean[] NOT NULL,
	"values" double precision[] NOT NULL,
	"included" boolean DEFAULT true NOT NULL,
	"exclusion_reason" text,
	"granted" boolean,
	CONSTRAINT "grant_items_district_id_batch_id_enterprise_id_pk" PRIMARY KEY("district_id","batch_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "grant_objections" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"enterprise_id" uuid,
	"filer_name" text NOT NULL,
	"filer_contact" text NOT NULL,
	"filed_by" uuid,
	"filed_by_enterprise" uuid,
	"text" text NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"responded_by" text,
	"responded_at" timestamp with time zone,
	CONSTRAINT "grant_objections_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "policy_evaluations" (
	"district_id" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"period" date NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enterprises" integer NOT NULL,
	"eligible" integer NOT NULL,
	"near_misses" integer NOT NULL,
	"total_amount" bigint NOT NULL,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "policy_evaluations_district_id_policy_id_pk" PRIMARY KEY("district_id","policy_id")
);
--> statement-breakpoint
CREATE TABLE "policy_results" (
	"district_id" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"eligible" boolean NOT NULL,
	"passed" boolean[] NOT NULL,
	"values" double precision[] NOT NULL,
	"amount" bigint,
	"near_leaf" smallint,
	"gap" double precision,
	CONSTRAINT "policy_results_district_id_policy_id_enterprise_id_pk" PRIMARY KEY("district_id","policy_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"district_id" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_versions_district_id_policy_id_version_pk" PRIMARY KEY("district_id","policy_id","version")
);
--> statement-breakpoint
CREATE TABLE "tier_months" (
	"district_id" text NOT NULL,
	"tier" text NOT NULL,
	"month" date NOT NULL,
	"enterprise_id" uuid NOT NULL,
	CONSTRAINT "tier_months_district_id_tier_month_enterprise_id_pk" PRIMARY KEY("district_id","tier","month","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "tier_runs" (
	"district_id" text NOT NULL,
	"from_month" date NOT NULL,
	"to_month" date NOT NULL,
	"rules_digest" text NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "tier_runs_district_id_pk" PRIMARY KEY("district_id")
);
--> statement-breakpoint
ALTER TABLE "grant_batches" ADD CONSTRAINT "grant_batches_district_id_policy_id_policy_version_policy_versions_district_id_policy_id_version_fk" FOREIGN KEY ("district_id","policy_id","policy_version") REFERENCES "public"."policy_versions"("district_id","policy_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_items" ADD CONSTRAINT "grant_items_district_id_batch_id_grant_batches_district_id_id_fk" FOREIGN KEY ("district_id","batch_id") REFERENCES "public"."grant_batches"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_objections" ADD CONSTRAINT "grant_objections_district_id_batch_id_grant_batches_district_id_id_fk" FOREIGN KEY ("district_id","batch_id") REFERENCES "public"."grant_batches"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_district_id_policy_id_policies_district_id_id_fk" FOREIGN KEY ("district_id","policy_id") REFERENCES "public"."policies"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_batch_events_batch" ON "grant_batch_events" USING btree ("district_id","batch_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_batches_number" ON "grant_batches" USING btree ("district_id","number");--> statement-breakpoint
CREATE INDEX "grant_batches_policy" ON "grant_batches" USING btree ("district_id","policy_id");--> statement-breakpoint
CREATE INDEX "grant_items_enterprise" ON "grant_items" USING btree ("district_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "grant_objections_batch" ON "grant_objections" USING btree ("district_id","batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policies_code" ON "policies" USING btree ("district_id","code");--> statement-breakpoint
CREATE INDEX "policy_results_enterprise" ON "policy_results" USING btree ("district_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "tier_months_enterprise" ON "tier_months" USING btree ("district_id","enterprise_id");--> statement-breakpoint
-- A decided batch is immutable: the database refuses to change or delete it or its items, whatever the caller.
CREATE FUNCTION grant_batch_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'decided' THEN
    RAISE EXCEPTION 'grant batch % is decided and cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;--> statement-breakpoint
CREATE TRIGGER grant_batches_immutable BEFORE UPDATE OR DELETE ON grant_batches
  FOR EACH ROW EXECUTE FUNCTION grant_batch_immutable();--> statement-breakpoint
CREATE FUNCTION grant_item_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM grant_batches b WHERE b.district_id = OLD.district_id AND b.id = OLD.batch_id AND b.status = 'decided') THEN
    RAISE EXCEPTION 'grant batch % is decided and its items cannot change', OLD.batch_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;--> statement-breakpoint
CREATE TRIGGER grant_items_immutable BEFORE UPDATE OR DELETE ON grant_items
  FOR EACH ROW EXECUTE FUNCTION grant_item_immutable();
