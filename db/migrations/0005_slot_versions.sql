CREATE TABLE `slot_versions` (
	`service_id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- (hand-written) Every service has a counter, from a random start so that two databases sharing one
-- Redis rarely meet on the same number; every change of a service's free time moves it on.
INSERT INTO `slot_versions` (`service_id`, `version`) SELECT `id`, abs(random() % 1000000000) FROM `services`;--> statement-breakpoint
CREATE TRIGGER `slot_versions_service_insert` AFTER INSERT ON `services`
BEGIN INSERT INTO `slot_versions` (`service_id`, `version`) VALUES (NEW.`id`, abs(random() % 1000000000)); END;--> statement-breakpoint
CREATE TRIGGER `slot_versions_service_update` AFTER UPDATE OF `active`, `time_required_minutes` ON `services`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` = NEW.`id`; END;--> statement-breakpoint
-- Holds: bookings, accepts, reschedules, releases, cancellations, time off, blocks, whatever the path.
CREATE TRIGGER `slot_versions_hold_insert` AFTER INSERT ON `professional_holds`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` = (SELECT `service_id` FROM `professional_profiles` WHERE `user_id` = NEW.`professional_id`); END;--> statement-breakpoint
CREATE TRIGGER `slot_versions_hold_delete` AFTER DELETE ON `professional_holds`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` = (SELECT `service_id` FROM `professional_profiles` WHERE `user_id` = OLD.`professional_id`); END;--> statement-breakpoint
CREATE TRIGGER `slot_versions_hold_update` AFTER UPDATE ON `professional_holds`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` IN (SELECT `service_id` FROM `professional_profiles` WHERE `user_id` IN (OLD.`professional_id`, NEW.`professional_id`)); END;--> statement-breakpoint
-- Weekly hours.
CREATE TRIGGER `slot_versions_hours_insert` AFTER INSERT ON `availability_windows`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` = (SELECT `service_id` FROM `professional_profiles` WHERE `user_id` = NEW.`professional_id`); END;--> statement-breakpoint
CREATE TRIGGER `slot_versions_hours_delete` AFTER DELETE ON `availability_windows`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` = (SELECT `service_id` FROM `professional_profiles` WHERE `user_id` = OLD.`professional_id`); END;--> statement-breakpoint
CREATE TRIGGER `slot_versions_hours_update` AFTER UPDATE ON `availability_windows`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` IN (SELECT `service_id` FROM `professional_profiles` WHERE `user_id` IN (OLD.`professional_id`, NEW.`professional_id`)); END;--> statement-breakpoint
-- Who is listed: approval, the service a professional offers, blocking, the pincode the slots filter on.
CREATE TRIGGER `slot_versions_profile_insert` AFTER INSERT ON `professional_profiles`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` = NEW.`service_id`; END;--> statement-breakpoint
CREATE TRIGGER `slot_versions_profile_delete` AFTER DELETE ON `professional_profiles`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` = OLD.`service_id`; END;--> statement-breakpoint
CREATE TRIGGER `slot_versions_profile_update` AFTER UPDATE OF `approval`, `service_id` ON `professional_profiles`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` IN (OLD.`service_id`, NEW.`service_id`); END;--> statement-breakpoint
CREATE TRIGGER `slot_versions_user_update` AFTER UPDATE OF `status`, `pincode` ON `users`
BEGIN UPDATE `slot_versions` SET `version` = `version` + 1 WHERE `service_id` = (SELECT `service_id` FROM `professional_profiles` WHERE `user_id` = NEW.`id`); END;
