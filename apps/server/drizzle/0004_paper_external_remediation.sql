CREATE TABLE "announcements" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"cycle_id" text,
	"published_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "external_index_results" (
	"id" text PRIMARY KEY NOT NULL,
	"index_code" text NOT NULL,
	"year" integer NOT NULL,
	"value" numeric NOT NULL,
	"max_value" numeric,
	"rank" integer,
	"rank_of" integer,
	"grade" text,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_index_results_unique" UNIQUE("index_code","year"),
	CONSTRAINT "external_index_results_code_check" CHECK (index_code in ('par_index', 'sipas', 'papi', 'pci'))
);
--> statement-breakpoint
CREATE TABLE "external_index_targets" (
	"index_code" text NOT NULL,
	"year" integer NOT NULL,
	"target_rank" integer,
	"target_value" numeric,
	"note" text,
	CONSTRAINT "external_index_targets_pk" PRIMARY KEY("index_code","year")
);
--> statement-breakpoint
CREATE TABLE "remediation_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"leaf_code" text NOT NULL,
	"points_lost" numeric,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"deadline" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"note" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remediation_actions_status_check" CHECK (status in ('planned', 'in_progress', 'done', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "survey_paper_entries" (
	"questionnaire_id" text NOT NULL,
	"serial" text NOT NULL,
	"entry_no" integer NOT NULL,
	"respondent_group" text NOT NULL,
	"unit_code" text,
	"answers" jsonb NOT NULL,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_paper_entries_pk" PRIMARY KEY("questionnaire_id","serial","entry_no")
);
--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_actions" ADD CONSTRAINT "remediation_actions_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_actions" ADD CONSTRAINT "remediation_actions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_paper_entries" ADD CONSTRAINT "survey_paper_entries_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "remediation_actions_unit_idx" ON "remediation_actions" USING btree ("unit_id","cycle_id");