ALTER TABLE "questionnaires" ADD COLUMN "resume_layout" varchar(20);--> statement-breakpoint
ALTER TABLE "questionnaires" ADD COLUMN "resume_structure" jsonb;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD COLUMN "resume_structure_updated_at" timestamp with time zone;