ALTER TABLE "questionnaires" ADD COLUMN "opens_on" date;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD COLUMN "closes_on" date;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_desks" ADD COLUMN "opens_on" date;--> statement-breakpoint
ALTER TABLE "survey_desks" ADD COLUMN "closes_on" date;--> statement-breakpoint
ALTER TABLE "survey_desks" ADD COLUMN "closed_at" timestamp with time zone;