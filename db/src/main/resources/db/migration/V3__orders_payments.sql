-- Orders, payment attempts (one Toss orderId each) and refunds.
-- Amounts are integer KRW.

CREATE TABLE orders (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_number            varchar(20)   NOT NULL,
    shopper_id              bigint        NOT NULL REFERENCES accounts (id),
    product_id              bigint        NOT NULL REFERENCES products (id),
    option_id               bigint        REFERENCES product_options (id),
    quantity                int           NOT NULL,
    unit_price              bigint        NOT NULL,
    amount                  bigint        NOT NULL,
    recipient_name          varchar(50)   NOT NULL,
    recipient_phone         varchar(30)   NOT NULL,
    postal_code             varchar(10)   NOT NULL,
    address_line1           varchar(200)  NOT NULL,
    address_line2           varchar(200)  NOT NULL DEFAULT '',
    status                  varchar(16)   NOT NULL DEFAULT 'PENDING',
    reject_reason           varchar(255),
    admission_id            varchar(64)   NOT NULL,
    idempotency_key         varchar(100)  NOT NULL,
    request_fingerprint     varchar(128)  NOT NULL,
    created_at              timestamptz   NOT NULL DEFAULT now(),
    updated_at              timestamptz   NOT NULL DEFAULT now(),
    reserved_at             timestamptz,
    paying_at               timestamptz,
    paid_at                 timestamptz,
    rejected_at             timestamptz,
    expired_at              timestamptz,
    cancelled_at            timestamptz,
    reservation_expires_at  timestamptz,
    version                 bigint        NOT NULL DEFAULT 0,
    CONSTRAINT orders_order_number_key UNIQUE (order_number),
    -- one admission places at most one order
    CONSTRAINT orders_admission_id_key UNIQUE (admission_id),
    CONSTRAINT orders_shopper_idempotency_key_key UNIQUE (shopper_id, idempotency_key),
    CONSTRAINT orders_quantity_check CHECK (quantity > 0),
    CONSTRAINT orders_unit_price_check CHECK (unit_price > 0),
    CONSTRAINT orders_amount_check CHECK (amount > 0 AND amount = unit_price * quantity),
    CONSTRAINT orders_status_check
        CHECK (status IN ('PENDING', 'RESERVED', 'PAYING', 'PAID', 'REJECTED', 'EXPIRED', 'CANCELLED')),
    CONSTRAINT orders_held_has_expiry_check
        CHECK (status NOT IN ('RESERVED', 'PAYING') OR reservation_expires_at IS NOT NULL),
    CONSTRAINT orders_paid_has_time_check CHECK (status <> 'PAID' OR paid_at IS NOT NULL),
    CONSTRAINT orders_rejected_has_reason_check CHECK (status <> 'REJECTED' OR reject_reason IS NOT NULL)
);
CREATE INDEX orders_expiry_sweep_idx ON orders (status, reservation_expires_at);
CREATE INDEX orders_shopper_idx ON orders (shopper_id, created_at DESC);
CREATE INDEX orders_product_status_idx ON orders (product_id, status);

CREATE TABLE payment_attempts (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id            bigint        NOT NULL REFERENCES orders (id),
    attempt_no          int           NOT NULL,
    toss_order_id       varchar(64)   NOT NULL,
    idempotency_key     varchar(300)  NOT NULL,
    payment_key         varchar(200),
    method              varchar(32),
    amount              bigint        NOT NULL,
    approved_amount     bigint,
    status              varchar(20)   NOT NULL DEFAULT 'READY',
    failure_code        varchar(100),
    failure_message     varchar(500),
    receipt_url         varchar(500),
    raw_response        text,
    requested_at        timestamptz,
    approved_at         timestamptz,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    version             bigint        NOT NULL DEFAULT 0,
    CONSTRAINT payment_attempts_toss_order_id_key UNIQUE (toss_order_id),
    CONSTRAINT payment_attempts_idempotency_key_key UNIQUE (idempotency_key),
    CONSTRAINT payment_attempts_payment_key_key UNIQUE (payment_key),
    CONSTRAINT payment_attempts_order_attempt_key UNIQUE (order_id, attempt_no),
    -- the Toss contract: 6-64 characters of letters, digits, '-' and '_'
    CONSTRAINT payment_attempts_toss_order_id_check CHECK (toss_order_id ~ '^[A-Za-z0-9_-]{6,64}$'),
    CONSTRAINT payment_attempts_attempt_no_check CHECK (attempt_no >= 1),
    CONSTRAINT payment_attempts_amount_check CHECK (amount > 0),
    CONSTRAINT payment_attempts_approved_amount_check CHECK (approved_amount IS NULL OR approved_amount > 0),
    CONSTRAINT payment_attempts_status_check
        CHECK (status IN ('READY', 'CONFIRMING', 'DONE', 'FAILED', 'CANCELED', 'PARTIAL_CANCELED', 'ABORTED', 'EXPIRED')),
    CONSTRAINT payment_attempts_done_has_key_check CHECK (status <> 'DONE' OR payment_key IS NOT NULL)
);
-- no payment is confirmed twice: at most one attempt per order is being confirmed or done
CREATE UNIQUE INDEX payment_attempts_one_live_per_order
    ON payment_attempts (order_id) WHERE status IN ('CONFIRMING', 'DONE');
CREATE INDEX payment_attempts_reconcile_idx ON payment_attempts (status, created_at);

CREATE TABLE refunds (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id            bigint        NOT NULL REFERENCES orders (id),
    payment_attempt_id  bigint        NOT NULL REFERENCES payment_attempts (id),
    amount              bigint        NOT NULL,
    reason              varchar(200)  NOT NULL,
    idempotency_key     varchar(300)  NOT NULL,
    status              varchar(16)   NOT NULL DEFAULT 'REQUESTED',
    attempts            int           NOT NULL DEFAULT 0,
    last_error          varchar(1000),
    next_attempt_at     timestamptz   NOT NULL DEFAULT now(),
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    completed_at        timestamptz,
    version             bigint        NOT NULL DEFAULT 0,
    CONSTRAINT refunds_idempotency_key_key UNIQUE (idempotency_key),
    CONSTRAINT refunds_amount_check CHECK (amount > 0),
    CONSTRAINT refunds_attempts_check CHECK (attempts >= 0),
    CONSTRAINT refunds_status_check CHECK (status IN ('REQUESTED', 'DONE', 'FAILED')),
    CONSTRAINT refunds_done_has_time_check CHECK (status <> 'DONE' OR completed_at IS NOT NULL)
);
-- a payment is refunded once (a refund job retries the same row)
CREATE UNIQUE INDEX refunds_one_per_payment ON refunds (payment_attempt_id) WHERE status <> 'FAILED';
CREATE INDEX refunds_due_idx ON refunds (status, next_attempt_at);
CREATE INDEX refunds_order_idx ON refunds (order_id);
