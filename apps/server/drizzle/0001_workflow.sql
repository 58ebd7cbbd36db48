CREATE TABLE "appraiser_assignments" (
	"cycle_id" text NOT NULL,
	"user_id" text NOT NULL,
	"node_code" text NOT NULL,
	CONSTRAINT "appraiser_assignments_pk" PRIMARY KEY("cycle_id","user_id","node_code")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text,
	"user_name" text,
	"action" text NOT NULL,
	"cycle_id" text,
	"unit_id" text,
	"subject" text,
	"before" jsonb,
	"after" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "document_blobs" (
	"document_id" text PRIMARY KEY NOT NULL,
	"content" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"number_symbol" text,
	"issued_date" date,
	"issuer" text,
	"signer" text,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leaf_evidence" (
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"leaf_code" text NOT NULL,
	"document_id" text NOT NULL,
	"page" text,
	CONSTRAINT "leaf_evidence_pk" PRIMARY KEY("cycle_id","unit_id","leaf_code","document_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"message" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"cycle_id" text NOT NULL,
	"version" integer NOT NULL,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"reason" text,
	"results" jsonb NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publications_pk" PRIMARY KEY("cycle_id","version")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_stages" (
	"cycle_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"stage" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"changed_by" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_stages_pk" PRIMARY KEY("cycle_id","unit_id","stage"),
	CONSTRAINT "unit_stages_stage_check" CHECK (stage in ('self', 'explanation')),
	CONSTRAINT "unit_stages_status_check" CHECK (status in ('draft', 'submitted', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"full_name" text NOT NULL,
	"email" text,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" text,
	"active" integer DEFAULT 1 NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK (role in ('admin', 'secretariat', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'council_chair', 'leader'))
);
--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "deadlines" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "self_points" numeric;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "self_note" text;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "proposed_points" numeric;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "proposed_reason" text;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "proposed_by" text;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "proposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "response" text;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "response_text" text;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "council_points" numeric;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "council_reason" text;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "council_by" text;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "council_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leaf_scores" ADD COLUMN "updated_by" text;--> statement-breakpoint
ALTER TABLE "appraiser_assignments" ADD CONSTRAINT "appraiser_assignments_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraiser_assignments" ADD CONSTRAINT "appraiser_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_blobs" ADD CONSTRAINT "document_blobs_document_id_evidence_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."evidence_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_documents" ADD CONSTRAINT "evidence_documents_cycle_unit_fk" FOREIGN KEY ("cycle_id","unit_id") REFERENCES "public"."cycle_units"("cycle_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaf_evidence" ADD CONSTRAINT "leaf_evidence_document_id_evidence_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."evidence_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_stages" ADD CONSTRAINT "unit_stages_cycle_unit_fk" FOREIGN KEY ("cycle_id","unit_id") REFERENCES "public"."cycle_units"("cycle_id","unit_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_cycle_idx" ON "audit_log" USING btree ("cycle_id","unit_id","subject");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "evidence_documents_unit_idx" ON "evidence_documents" USING btree ("cycle_id","unit_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");