CREATE TABLE `availability_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`professional_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`professional_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "availability_weekday_range" CHECK("availability_windows"."weekday" between 1 and 7),
	CONSTRAINT "availability_minutes_range" CHECK("availability_windows"."start_minute" >= 0 and "availability_windows"."end_minute" <= 1440 and "availability_windows"."start_minute" < "availability_windows"."end_minute")
);
--> statement-breakpoint
CREATE INDEX `availability_professional_idx` ON `availability_windows` (`professional_id`,`weekday`);--> statement-breakpoint
CREATE TABLE `professional_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`professional_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`request_id` integer,
	`time_off_id` integer,
	FOREIGN KEY (`professional_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`time_off_id`) REFERENCES `time_off`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "holds_one_source" CHECK(("professional_holds"."request_id" IS NULL) <> ("professional_holds"."time_off_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `holds_professional_idx` ON `professional_holds` (`professional_id`,`starts_at`,`ends_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `holds_request_unique` ON `professional_holds` (`request_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `holds_time_off_unique` ON `professional_holds` (`time_off_id`);--> statement-breakpoint
CREATE TABLE `request_releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`professional_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`professional_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `request_releases_professional_idx` ON `request_releases` (`professional_id`);--> statement-breakpoint
CREATE TABLE `time_off` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`professional_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`professional_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "time_off_window_positive" CHECK("time_off"."ends_at" > "time_off"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `time_off_professional_idx` ON `time_off` (`professional_id`,`starts_at`);--> statement-breakpoint
ALTER TABLE `outbox_mails` ADD `attachments` text;--> statement-breakpoint
-- (hand-edited) SQLite adds a NOT NULL column only with a default; every row is backfilled below.
ALTER TABLE `service_requests` ADD `ends_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `reschedule_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `cancelled_by` text;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `cancelled_late` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `cancellation_fee_paise` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `calendar_secret` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_calendar_secret_unique` ON `users` (`calendar_secret`);--> statement-breakpoint
-- (hand-written) Every request's window: the service's time from its start.
UPDATE `service_requests` SET `ends_at` = `scheduled_for` + 60000 * (SELECT `time_required_minutes` FROM `services` WHERE `services`.`id` = `service_requests`.`service_id`);--> statement-breakpoint
-- Every professional, existing ones included, starts with Monday–Saturday 09:00–18:00.
INSERT INTO `availability_windows` (`professional_id`, `weekday`, `start_minute`, `end_minute`)
  SELECT `users`.`id`, `days`.`weekday`, 540, 1080 FROM `users`
  CROSS JOIN (SELECT 1 AS `weekday` UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) AS `days`
  WHERE `users`.`role` = 'professional';--> statement-breakpoint
-- Holds of the requests already booked; of two that overlap, the older keeps its hold.
INSERT INTO `professional_holds` (`professional_id`, `starts_at`, `ends_at`, `request_id`)
  SELECT `r`.`professional_id`, `r`.`scheduled_for`, `r`.`ends_at`, `r`.`id` FROM `service_requests` `r`
  WHERE `r`.`professional_id` IS NOT NULL AND `r`.`status` IN ('requested', 'assigned')
    AND NOT EXISTS (SELECT 1 FROM `service_requests` `o` WHERE `o`.`professional_id` = `r`.`professional_id` AND `o`.`status` IN ('requested', 'assigned')
      AND `o`.`id` < `r`.`id` AND `o`.`scheduled_for` < `r`.`ends_at` AND `o`.`ends_at` > `r`.`scheduled_for`);--> statement-breakpoint
-- No double booking, kept by the database: a hold never overlaps another of the same professional.
CREATE TRIGGER `holds_no_overlap_insert` BEFORE INSERT ON `professional_holds`
WHEN EXISTS (SELECT 1 FROM `professional_holds` `h` WHERE `h`.`professional_id` = NEW.`professional_id` AND `h`.`starts_at` < NEW.`ends_at` AND `h`.`ends_at` > NEW.`starts_at`)
BEGIN SELECT RAISE(ABORT, 'professional_holds_overlap'); END;--> statement-breakpoint
CREATE TRIGGER `holds_no_overlap_update` BEFORE UPDATE ON `professional_holds`
WHEN EXISTS (SELECT 1 FROM `professional_holds` `h` WHERE `h`.`id` <> NEW.`id` AND `h`.`professional_id` = NEW.`professional_id` AND `h`.`starts_at` < NEW.`ends_at` AND `h`.`ends_at` > NEW.`starts_at`)
BEGIN SELECT RAISE(ABORT, 'professional_holds_overlap'); END;--> statement-breakpoint
-- A request holds its professional while `requested` naming them or `assigned` to them.
CREATE TRIGGER `requests_hold_insert` AFTER INSERT ON `service_requests`
WHEN NEW.`professional_id` IS NOT NULL AND NEW.`status` IN ('requested', 'assigned')
BEGIN INSERT INTO `professional_holds` (`professional_id`, `starts_at`, `ends_at`, `request_id`) VALUES (NEW.`professional_id`, NEW.`scheduled_for`, NEW.`ends_at`, NEW.`id`); END;--> statement-breakpoint
CREATE TRIGGER `requests_hold_update` AFTER UPDATE OF `status`, `professional_id`, `scheduled_for`, `ends_at` ON `service_requests`
BEGIN
  DELETE FROM `professional_holds` WHERE `request_id` = NEW.`id`;
  INSERT INTO `professional_holds` (`professional_id`, `starts_at`, `ends_at`, `request_id`)
    SELECT NEW.`professional_id`, NEW.`scheduled_for`, NEW.`ends_at`, NEW.`id` WHERE NEW.`professional_id` IS NOT NULL AND NEW.`status` IN ('requested', 'assigned');
END;--> statement-breakpoint
CREATE TRIGGER `time_off_hold_insert` AFTER INSERT ON `time_off`
BEGIN INSERT INTO `professional_holds` (`professional_id`, `starts_at`, `ends_at`, `time_off_id`) VALUES (NEW.`professional_id`, NEW.`starts_at`, NEW.`ends_at`, NEW.`id`); END;
