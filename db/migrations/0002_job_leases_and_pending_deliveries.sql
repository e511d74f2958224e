ALTER TABLE `exports` ADD `rerun_of` integer;--> statement-breakpoint
ALTER TABLE `exports` ADD `owner` text;--> statement-breakpoint
ALTER TABLE `exports` ADD `lease_expires_at` integer;--> statement-breakpoint
CREATE INDEX `exports_lease_idx` ON `exports` (`status`,`lease_expires_at`);--> statement-breakpoint
ALTER TABLE `job_deliveries` ADD `sent_at` integer;--> statement-breakpoint
ALTER TABLE `job_deliveries` ADD `idempotency_key` text;--> statement-breakpoint
ALTER TABLE `job_deliveries` ADD `mail` text;--> statement-breakpoint
CREATE INDEX `job_deliveries_pending_idx` ON `job_deliveries` (`job`,`period`,`sent_at`);--> statement-breakpoint
ALTER TABLE `job_runs` ADD `as_of` integer;--> statement-breakpoint
ALTER TABLE `job_runs` ADD `tick` integer;--> statement-breakpoint
ALTER TABLE `job_runs` ADD `rerun_of` integer;--> statement-breakpoint
ALTER TABLE `job_runs` ADD `owner` text;--> statement-breakpoint
ALTER TABLE `job_runs` ADD `lease_expires_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_tick_unique` ON `job_runs` (`name`,`tick`);--> statement-breakpoint
CREATE INDEX `job_runs_lease_idx` ON `job_runs` (`status`,`lease_expires_at`);--> statement-breakpoint
CREATE INDEX `requests_created_pincode_idx` ON `service_requests` (`created_at`,`pincode`,`service_id`);--> statement-breakpoint
UPDATE `job_deliveries` SET `sent_at` = `created_at`;
