CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_name_unique` ON `categories` (lower("name"));--> statement-breakpoint
CREATE TABLE `exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requested_by` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`filter_status` text DEFAULT 'closed' NOT NULL,
	`filter_from` integer,
	`filter_to` integer,
	`row_count` integer DEFAULT 0 NOT NULL,
	`file_path` text,
	`error` text,
	`started_at` integer,
	`finished_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exports_created_idx` ON `exports` (`created_at`);--> statement-breakpoint
CREATE TABLE `job_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`period` text NOT NULL,
	`run_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `job_runs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_deliveries_unique` ON `job_deliveries` (`job`,`recipient_id`,`period`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`trigger` text DEFAULT 'schedule' NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`sent` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `job_runs_name_created_idx` ON `job_runs` (`name`,`created_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`link` text,
	`read_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox_mails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox_mails` (`created_at`);--> statement-breakpoint
CREATE TABLE `professional_profiles` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`service_id` integer NOT NULL,
	`experience_years` integer DEFAULT 0 NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`approval` text DEFAULT 'pending' NOT NULL,
	`approval_reason` text,
	`decided_at` integer,
	`document_path` text,
	`document_mime` text,
	`document_name` text,
	`document_uploaded_at` integer,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`review_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `professional_profiles_service_idx` ON `professional_profiles` (`service_id`,`approval`);--> statement-breakpoint
CREATE INDEX `professional_profiles_approval_idx` ON `professional_profiles` (`approval`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`professional_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`professional_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "reviews_rating_range" CHECK("reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_request_unique` ON `reviews` (`request_id`);--> statement-breakpoint
CREATE INDEX `reviews_professional_idx` ON `reviews` (`professional_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`service_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`professional_id` integer,
	`scheduled_for` integer NOT NULL,
	`address` text NOT NULL,
	`pincode` text NOT NULL,
	`remarks` text DEFAULT '' NOT NULL,
	`price_paise` integer NOT NULL,
	`accepted_at` integer,
	`rejected_at` integer,
	`completed_at` integer,
	`closed_at` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`customer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`professional_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `requests_customer_idx` ON `service_requests` (`customer_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_professional_idx` ON `service_requests` (`professional_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_service_status_idx` ON `service_requests` (`service_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_status_created_idx` ON `service_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_closed_at_idx` ON `service_requests` (`status`,`closed_at`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`base_price_paise` integer NOT NULL,
	`time_required_minutes` integer NOT NULL,
	`category_id` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "services_price_non_negative" CHECK("services"."base_price_paise" >= 0),
	CONSTRAINT "services_time_positive" CHECK("services"."time_required_minutes" > 0)
);
--> statement-breakpoint
CREATE INDEX `services_category_idx` ON `services` (`category_id`,`active`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`blocked_reason` text,
	`phone` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`pincode` text DEFAULT '' NOT NULL,
	`token_version` integer DEFAULT 0 NOT NULL,
	`last_sign_in_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_role_status_idx` ON `users` (`role`,`status`);--> statement-breakpoint
CREATE INDEX `users_pincode_idx` ON `users` (`pincode`);--> statement-breakpoint
CREATE INDEX `users_last_sign_in_idx` ON `users` (`role`,`last_sign_in_at`);