CREATE TABLE "questionnaires" (
	"id" text PRIMARY KEY NOT NULL,
	"cycle_id" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"document" jsonb NOT NULL,
	"identified" integer DEFAULT 0 NOT NULL,
	"open" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaires_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "survey_desks" (
	"code" text PRIMARY KEY NOT NULL,
	"questionnaire_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"name" text NOT NULL,
	"respondent_group" text NOT NULL,
	"require_dossier" integer DEFAULT 0 NOT NULL,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"questionnaire_id" text NOT NULL,
	"unit_id" text,
	"respondent_group" text NOT NULL,
	"channel" text NOT NULL,
	"answers" jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"duration_seconds" integer,
	"desk_code" text,
	"dossier_hash" text,
	"respondent_name" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"excluded_reason" text,
	"excluded_by" text
);
--> statement-breakpoint
CREATE TABLE "survey_targets" (
	"questionnaire_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"respondent_group" text NOT NULL,
	"transactions" integer,
	"margin" numeric,
	"target" integer NOT NULL,
	CONSTRAINT "survey_targets_pk" PRIMARY KEY("questionnaire_id","unit_id","respondent_group")
);
--> statement-breakpoint
CREATE TABLE "survey_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"questionnaire_id" text NOT NULL,
	"unit_id" text,
	"respondent_group" text NOT NULL,
	"label" text,
	"used_at" timestamp with time zone,
	"response_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_desks" ADD CONSTRAINT "survey_desks_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_desks" ADD CONSTRAINT "survey_desks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_targets" ADD CONSTRAINT "survey_targets_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_targets" ADD CONSTRAINT "survey_targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_tokens" ADD CONSTRAINT "survey_tokens_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_tokens" ADD CONSTRAINT "survey_tokens_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_desks_questionnaire_idx" ON "survey_desks" USING btree ("questionnaire_id");--> statement-breakpoint
CREATE INDEX "survey_responses_questionnaire_idx" ON "survey_responses" USING btree ("questionnaire_id","unit_id");--> statement-breakpoint
CREATE INDEX "survey_tokens_questionnaire_idx" ON "survey_tokens" USING btree ("questionnaire_id");