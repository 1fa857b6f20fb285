CREATE TABLE "space_buildings" (
	"district_id" text NOT NULL,
	"building_id" uuid NOT NULL,
	"carrier_kind" text NOT NULL,
	"operator_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_buildings_district_id_building_id_pk" PRIMARY KEY("district_id","building_id")
);
--> statement-breakpoint
CREATE TABLE "space_operators" (
	"district_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"uscc" text,
	"contact_person" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_operators_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "operator_id" uuid;--> statement-breakpoint
ALTER TABLE "space_buildings" ADD CONSTRAINT "space_buildings_district_id_building_id_buildings_district_id_id_fk" FOREIGN KEY ("district_id","building_id") REFERENCES "public"."buildings"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_buildings" ADD CONSTRAINT "space_buildings_district_id_operator_id_space_operators_district_id_id_fk" FOREIGN KEY ("district_id","operator_id") REFERENCES "public"."space_operators"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "space_buildings_operator" ON "space_buildings" USING btree ("district_id","operator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "space_operators_name" ON "space_operators" USING btree ("district_id","name");