-- What an admin action's target was called when it was taken (a product's or company's name, an account's e-mail):
-- the audit log shows it beside the name the target has now, so a product renamed after it was stopped still reads
-- as the sale that was stopped. Entries written before this column have none; the log then shows the name now.
ALTER TABLE admin_audit_log ADD COLUMN target_name varchar(254);
