-- Full-text index over service names and descriptions (FTS5, external content), kept in step by triggers.
-- prefix='2 3' makes short word-prefix queries ("pl*", "plu*") index lookups instead of scans.
CREATE VIRTUAL TABLE `services_fts` USING fts5(name, description, content='services', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `services_fts_after_insert` AFTER INSERT ON `services` BEGIN
  INSERT INTO services_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
--> statement-breakpoint
CREATE TRIGGER `services_fts_after_delete` AFTER DELETE ON `services` BEGIN
  INSERT INTO services_fts(services_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
END;
--> statement-breakpoint
CREATE TRIGGER `services_fts_after_update` AFTER UPDATE OF name, description ON `services` BEGIN
  INSERT INTO services_fts(services_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
  INSERT INTO services_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
