ALTER TABLE "questionnaires" ADD COLUMN "resume_type" varchar(10);--> statement-breakpoint
-- CVs uploaded before the type had its own column: the type is the one their document was stored as.
UPDATE "questionnaires" AS q SET "resume_type" = CASE
  WHEN d."content_type" = 'application/pdf' THEN 'pdf'
  WHEN d."content_type" LIKE 'application/vnd.openxmlformats-officedocument.wordprocessingml%' THEN 'docx'
  ELSE 'txt' END
FROM "documents" AS d WHERE d."id" = q."resume_document_id";
