CREATE TABLE "cycle_units" (
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"peer_group" text NOT NULL,
	CONSTRAINT "cycle_units_pk" PRIMARY KEY("cycle_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"id" text PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"rubric_version_id" text,
	"settings" jsonb,
	"computed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycles_status_check" CHECK (status in ('draft', 'open', 'appraisal', 'council', 'approved', 'published', 'closed')),
	CONSTRAINT "cycles_source_check" CHECK (source in ('assessed', 'imported'))
);
--> statement-breakpoint
CREATE TABLE "group_results" (
	"cycle_id" text NOT NULL,
	"peer_group" text NOT NULL,
	"summary" jsonb NOT NULL,
	CONSTRAINT "group_results_pk" PRIMARY KEY("cycle_id","peer_group")
);
--> statement-breakpoint
CREATE TABLE "imported_totals" (
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"appraised" numeric NOT NULL,
	"survey" numeric NOT NULL,
	"max_points" numeric NOT NULL,
	"published_index" numeric,
	"published_class" text,
	"published_order" integer,
	CONSTRAINT "imported_totals_pk" PRIMARY KEY("cycle_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "leaf_scores" (
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"leaf_code" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"points" numeric,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaf_scores_pk" PRIMARY KEY("cycle_id","unit_id","leaf_code")
);
--> statement-breakpoint
CREATE TABLE "rubric_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rubric_versions_code_version_unique" UNIQUE("code","version")
);
--> statement-breakpoint
CREATE TABLE "unit_exclusions" (
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"node_code" text NOT NULL,
	"basis" text NOT NULL,
	CONSTRAINT "unit_exclusions_pk" PRIMARY KEY("cycle_id","unit_id","node_code")
);
--> statement-breakpoint
CREATE TABLE "unit_lineage" (
	"id" text PRIMARY KEY NOT NULL,
	"predecessor_id" text NOT NULL,
	"successor_id" text NOT NULL,
	"weight" numeric NOT NULL,
	"effective_date" date NOT NULL,
	CONSTRAINT "unit_lineage_pair_unique" UNIQUE("predecessor_id","successor_id"),
	CONSTRAINT "unit_lineage_not_self_check" CHECK ("unit_lineage"."predecessor_id" <> "unit_lineage"."successor_id"),
	CONSTRAINT "unit_lineage_weight_check" CHECK ("unit_lineage"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "unit_results" (
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"peer_group" text NOT NULL,
	"appraised" numeric NOT NULL,
	"survey" numeric NOT NULL,
	"bonus" numeric NOT NULL,
	"deduction" numeric NOT NULL,
	"total" numeric NOT NULL,
	"max_points" numeric NOT NULL,
	"index_exact" numeric NOT NULL,
	"classification" text NOT NULL,
	"rank" integer NOT NULL,
	"ord" integer NOT NULL,
	"components" jsonb NOT NULL,
	"change" jsonb,
	CONSTRAINT "unit_results_pk" PRIMARY KEY("cycle_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_code_unique" UNIQUE("code"),
	CONSTRAINT "units_kind_check" CHECK (kind in ('department', 'special_department', 'commune', 'district'))
);
--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_rubric_version_id_rubric_versions_id_fk" FOREIGN KEY ("rubric_version_id") REFERENCES "public"."rubric_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_results" ADD CONSTRAINT "group_results_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_totals" ADD CONSTRAINT "imported_totals_cycle_unit_fk" FOREIGN KEY ("cycle_id","unit_id") REFERENCES "public"."cycle_units"("cycle_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD CONSTRAINT "leaf_scores_cycle_unit_fk" FOREIGN KEY ("cycle_id","unit_id") REFERENCES "public"."cycle_units"("cycle_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_exclusions" ADD CONSTRAINT "unit_exclusions_cycle_unit_fk" FOREIGN KEY ("cycle_id","unit_id") REFERENCES "public"."cycle_units"("cycle_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_lineage" ADD CONSTRAINT "unit_lineage_predecessor_id_units_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_lineage" ADD CONSTRAINT "unit_lineage_successor_id_units_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_results" ADD CONSTRAINT "unit_results_cycle_unit_fk" FOREIGN KEY ("cycle_id","unit_id") REFERENCES "public"."cycle_units"("cycle_id","unit_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cycle_units_unit_idx" ON "cycle_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "cycles_year_idx" ON "cycles" USING btree ("year");--> statement-breakpoint
CREATE INDEX "cycles_rubric_version_idx" ON "cycles" USING btree ("rubric_version_id");--> statement-breakpoint
CREATE INDEX "leaf_scores_cycle_leaf_idx" ON "leaf_scores" USING btree ("cycle_id","leaf_code");--> statement-breakpoint
CREATE INDEX "unit_lineage_successor_idx" ON "unit_lineage" USING btree ("successor_id");