-- The Free plan's short limits were below what one ordinary session needs (README, "Plans and
-- limits"): 10 requests a minute became 20, 100 an hour became 200. A plan an operator has
-- changed from the old defaults keeps the operator's numbers.
UPDATE "plans" SET "burst_per_minute" = 20 WHERE "slug" = 'free' AND "burst_per_minute" = 10;--> statement-breakpoint
UPDATE "plans" SET "api_calls_per_hour" = 200 WHERE "slug" = 'free' AND "api_calls_per_hour" = 100;
