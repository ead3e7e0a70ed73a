-- Accounts, their addresses, sellers' companies, categories and the admin audit log.
-- Every timestamp is timestamptz; constraints live here, not only in Java.

CREATE TABLE companies (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                varchar(100)  NOT NULL,
    business_number     varchar(20)   NOT NULL,
    description         varchar(1000) NOT NULL DEFAULT '',
    address             varchar(255)  NOT NULL DEFAULT '',
    approval_status     varchar(16)   NOT NULL DEFAULT 'PENDING'
        CONSTRAINT companies_approval_status_check CHECK (approval_status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_at          timestamptz,
    decided_by          bigint,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    version             bigint        NOT NULL DEFAULT 0,
    CONSTRAINT companies_business_number_key UNIQUE (business_number)
);

CREATE TABLE accounts (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email               varchar(254)  NOT NULL,
    password_hash       varchar(255)  NOT NULL,
    display_name        varchar(50)   NOT NULL,
    phone               varchar(30),
    role                varchar(16)   NOT NULL
        CONSTRAINT accounts_role_check CHECK (role IN ('SHOPPER', 'SELLER', 'ADMIN')),
    company_id          bigint REFERENCES companies (id),
    disabled            boolean       NOT NULL DEFAULT false,
    deleted_at          timestamptz,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    version             bigint        NOT NULL DEFAULT 0,
    CONSTRAINT accounts_email_lower_check CHECK (email = lower(email)),
    CONSTRAINT accounts_seller_company_check CHECK (role <> 'SELLER' OR company_id IS NOT NULL)
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
CREATE INDEX accounts_company_idx ON accounts (company_id);

ALTER TABLE companies
    ADD CONSTRAINT companies_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES accounts (id);

CREATE TABLE addresses (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id          bigint        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    label               varchar(30)   NOT NULL,
    recipient           varchar(50)   NOT NULL,
    phone               varchar(30)   NOT NULL,
    postal_code         varchar(10)   NOT NULL,
    line1               varchar(200)  NOT NULL,
    line2               varchar(200)  NOT NULL DEFAULT '',
    is_default          boolean       NOT NULL DEFAULT false,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX addresses_account_idx ON addresses (account_id);
-- at most one default address per account
CREATE UNIQUE INDEX addresses_one_default_per_account ON addresses (account_id) WHERE is_default;

CREATE TABLE categories (
    id                  bigint        PRIMARY KEY,
    name                varchar(30)   NOT NULL,
    name_en             varchar(30)   NOT NULL,
    sort_order          int           NOT NULL DEFAULT 0,
    CONSTRAINT categories_name_key UNIQUE (name)
);
INSERT INTO categories (id, name, name_en, sort_order) VALUES
    (1000, '식품', 'Food', 10),
    (2000, '전자제품', 'Electronics', 20),
    (3000, '의류', 'Clothing', 30),
    (4000, '뷰티', 'Beauty', 40),
    (5000, '생활/주방', 'Home & Kitchen', 50),
    (6000, '스포츠/레저', 'Sports & Outdoors', 60),
    (7000, '도서', 'Books', 70);

CREATE TABLE admin_audit_log (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id            bigint        REFERENCES accounts (id),
    action              varchar(64)   NOT NULL,
    target_type         varchar(32)   NOT NULL,
    target_id           varchar(64)   NOT NULL,
    detail              text          NOT NULL DEFAULT '',
    created_at          timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_created_idx ON admin_audit_log (created_at DESC);
