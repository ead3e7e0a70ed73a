-- Why an admin rejected a seller's company, shown to the seller so that they can correct it and apply again.
-- Only a rejected company has one; applying again clears it (the audit log keeps it).
ALTER TABLE companies ADD COLUMN rejection_reason varchar(500);
ALTER TABLE companies ADD CONSTRAINT companies_rejection_reason_check
    CHECK (rejection_reason IS NULL OR approval_status = 'REJECTED');
