ALTER TABLE "grant_items" ADD COLUMN "coverage" smallint[];--> statement-breakpoint
ALTER TABLE "policy_results" ADD COLUMN "coverage" smallint[];