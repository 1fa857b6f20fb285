CREATE TABLE "audit_log" (
	"district_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"note" text,
	CONSTRAINT "audit_log_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_failures_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"district_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_agent" text,
	CONSTRAINT "sessions_district_id_token_hash_pk" PRIMARY KEY("district_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid,
	"enterprise_id" uuid,
	"disabled" boolean DEFAULT false NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "jobs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"subdistrict_id" uuid NOT NULL,
	"address" text NOT NULL,
	"total_area" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buildings_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "enterprise_honours" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"awarded_on" date NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "enterprise_honours_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"registration_date" date NOT NULL,
	"subdistrict_id" uuid NOT NULL,
	"building_id" uuid,
	"address" text DEFAULT '' NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"above_scale" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"settled_on" date NOT NULL,
	"left_on" date,
	"contact_person" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "indicator_results" (
	"district_id" text NOT NULL,
	"target_code" text NOT NULL,
	"month" date NOT NULL,
	"dimension" text NOT NULL,
	"group_key" text NOT NULL,
	"value" numeric,
	"contributors" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_results_district_id_target_code_month_dimension_group_key_pk" PRIMARY KEY("district_id","target_code","month","dimension","group_key")
);
--> statement-breakpoint
CREATE TABLE "indicator_snapshots" (
	"district_id" text NOT NULL,
	"target_code" text NOT NULL,
	"month" date NOT NULL,
	"revision" integer NOT NULL,
	"value" numeric,
	"status" text NOT NULL,
	"evaluation" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "indicator_snapshots_district_id_target_code_month_revision_pk" PRIMARY KEY("district_id","target_code","month","revision")
);
--> statement-breakpoint
CREATE TABLE "manual_values" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"target_code" text NOT NULL,
	"as_of" date NOT NULL,
	"value" numeric NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"unit_id" uuid,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manual_values_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_facts" (
	"district_id" text NOT NULL,
	"month" date NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"has_data" boolean NOT NULL,
	"carried" boolean NOT NULL,
	"employees" integer NOT NULL,
	"core_talents" integer NOT NULL,
	"used_area" numeric(12, 2) NOT NULL,
	"operating_revenue" bigint NOT NULL,
	"software_revenue" bigint NOT NULL,
	"software_product_revenue" bigint NOT NULL,
	"rd_expense" bigint NOT NULL,
	CONSTRAINT "monitoring_facts_district_id_month_enterprise_id_pk" PRIMARY KEY("district_id","month","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "reporting_rates" (
	"district_id" text NOT NULL,
	"month" date NOT NULL,
	"subdistrict_id" text NOT NULL,
	"expected" integer NOT NULL,
	"reported" integer NOT NULL,
	"on_time" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_rates_district_id_month_subdistrict_id_pk" PRIMARY KEY("district_id","month","subdistrict_id")
);
--> statement-breakpoint
CREATE TABLE "plan_sections" (
	"district_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"numeral" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	CONSTRAINT "plan_sections_district_id_plan_id_number_pk" PRIMARY KEY("district_id","plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "plan_targets" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"goal" numeric NOT NULL,
	"unit" text NOT NULL,
	"deadline" date NOT NULL,
	"aim" text NOT NULL,
	"strive" boolean NOT NULL,
	"part_of" text,
	"formula" jsonb DEFAULT '{"kind":"manual"}'::jsonb NOT NULL,
	"owner_task" integer,
	"owner_unit_codes" text[],
	"quote" text NOT NULL,
	CONSTRAINT "plan_targets_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_task_units" (
	"district_id" text NOT NULL,
	"task_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "plan_task_units_district_id_task_id_unit_id_role_pk" PRIMARY KEY("district_id","task_id","unit_id","role")
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"section" integer NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"text" text NOT NULL,
	"responsible_label" text NOT NULL,
	"units_quote" text NOT NULL,
	CONSTRAINT "plan_tasks_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"preamble" text NOT NULL,
	"goal_statement" text NOT NULL,
	"baseline_date" date NOT NULL,
	"end_date" date NOT NULL,
	"data_version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"safeguards" jsonb NOT NULL,
	"monitoring" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "report_batches" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"period" date NOT NULL,
	"filename" text NOT NULL,
	"rows" integer NOT NULL,
	"created" integer NOT NULL,
	"revised" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"submitted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_batches_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"period" date NOT NULL,
	"version" integer NOT NULL,
	"is_current" boolean NOT NULL,
	"employees" integer NOT NULL,
	"core_talents" integer NOT NULL,
	"operating_revenue" bigint NOT NULL,
	"software_revenue" bigint NOT NULL,
	"software_product_revenue" bigint NOT NULL,
	"rd_expense" bigint NOT NULL,
	"used_area" numeric(12, 2) NOT NULL,
	"building_id" uuid,
	"source" text NOT NULL,
	"batch_id" uuid,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	CONSTRAINT "reports_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"subkind" text,
	"parent_id" uuid,
	"division_code" text,
	"collective" jsonb,
	"position" integer NOT NULL,
	CONSTRAINT "units_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_district_id_user_id_users_district_id_id_fk" FOREIGN KEY ("district_id","user_id") REFERENCES "public"."users"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_honours" ADD CONSTRAINT "enterprise_honours_district_id_enterprise_id_enterprises_district_id_id_fk" FOREIGN KEY ("district_id","enterprise_id") REFERENCES "public"."enterprises"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_district_id_subdistrict_id_units_district_id_id_fk" FOREIGN KEY ("district_id","subdistrict_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_district_id_building_id_buildings_district_id_id_fk" FOREIGN KEY ("district_id","building_id") REFERENCES "public"."buildings"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_units" ADD CONSTRAINT "plan_task_units_district_id_task_id_plan_tasks_district_id_id_fk" FOREIGN KEY ("district_id","task_id") REFERENCES "public"."plan_tasks"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_units" ADD CONSTRAINT "plan_task_units_district_id_unit_id_units_district_id_id_fk" FOREIGN KEY ("district_id","unit_id") REFERENCES "public"."units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_district_id_enterprise_id_enterprises_district_id_id_fk" FOREIGN KEY ("district_id","enterprise_id") REFERENCES "public"."enterprises"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entity" ON "audit_log" USING btree ("district_id","entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "login_failures_user" ON "login_failures" USING btree ("district_id","username","at");--> statement-breakpoint
CREATE INDEX "login_failures_ip" ON "login_failures" USING btree ("district_id","ip","at");--> statement-breakpoint
CREATE INDEX "sessions_token" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username" ON "users" USING btree ("district_id","username");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_key" ON "jobs" USING btree ("district_id","kind","key");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_code" ON "buildings" USING btree ("district_id","code");--> statement-breakpoint
CREATE INDEX "enterprise_honours_enterprise" ON "enterprise_honours" USING btree ("district_id","enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_uscc" ON "enterprises" USING btree ("district_id","uscc");--> statement-breakpoint
CREATE INDEX "enterprises_subdistrict" ON "enterprises" USING btree ("district_id","subdistrict_id","name");--> statement-breakpoint
CREATE INDEX "enterprises_name" ON "enterprises" USING btree ("district_id","name");--> statement-breakpoint
CREATE INDEX "enterprises_registration" ON "enterprises" USING btree ("district_id","registration_date");--> statement-breakpoint
CREATE INDEX "manual_values_target" ON "manual_values" USING btree ("district_id","target_code","as_of");--> statement-breakpoint
CREATE INDEX "monitoring_facts_enterprise" ON "monitoring_facts" USING btree ("district_id","enterprise_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_targets_code" ON "plan_targets" USING btree ("district_id","plan_id","code");--> statement-breakpoint
CREATE INDEX "plan_task_units_unit" ON "plan_task_units" USING btree ("district_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_tasks_number" ON "plan_tasks" USING btree ("district_id","plan_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_code" ON "plans" USING btree ("district_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_current" ON "reports" USING btree ("district_id","enterprise_id","period") WHERE is_current;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_version" ON "reports" USING btree ("district_id","enterprise_id","period","version");--> statement-breakpoint
CREATE INDEX "reports_period" ON "reports" USING btree ("district_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code" ON "units" USING btree ("district_id","code");