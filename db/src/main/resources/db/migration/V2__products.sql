-- Products on sale and their options.
-- units_held counts the units of RESERVED + PAYING + PAID orders; the check units_held <= total_stock
-- is what keeps available stock (total_stock - units_held) from ever going negative, whatever the code does.

CREATE TABLE products (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id                  bigint        NOT NULL REFERENCES companies (id),
    category_id                 bigint        NOT NULL REFERENCES categories (id),
    name                        varchar(100)  NOT NULL,
    description                 text          NOT NULL DEFAULT '',
    list_price                  bigint,
    sale_price                  bigint        NOT NULL,
    total_stock                 int           NOT NULL,
    units_held                  int           NOT NULL DEFAULT 0,
    available_stock             int GENERATED ALWAYS AS (total_stock - units_held) STORED,
    per_shopper_limit           int           NOT NULL DEFAULT 1,
    main_image_key              varchar(512),
    description_image_key       varchar(512),
    sale_starts_at              timestamptz   NOT NULL,
    sale_ends_at                timestamptz,
    admission_batch_size        int           NOT NULL DEFAULT 10,
    admission_interval_seconds  int           NOT NULL DEFAULT 10,
    admission_delay_seconds     int           NOT NULL DEFAULT 60,
    hidden                      boolean       NOT NULL DEFAULT false,
    sale_status                 varchar(16)   NOT NULL DEFAULT 'SCHEDULED',
    schedule_version            bigint        NOT NULL DEFAULT 0,
    stock_version               bigint        NOT NULL DEFAULT 0,
    created_at                  timestamptz   NOT NULL DEFAULT now(),
    updated_at                  timestamptz   NOT NULL DEFAULT now(),
    created_by                  bigint        REFERENCES accounts (id),
    updated_by                  bigint        REFERENCES accounts (id),
    version                     bigint        NOT NULL DEFAULT 0,
    CONSTRAINT products_sale_price_check CHECK (sale_price > 0),
    CONSTRAINT products_list_price_check CHECK (list_price IS NULL OR list_price >= sale_price),
    CONSTRAINT products_total_stock_check CHECK (total_stock >= 0),
    CONSTRAINT products_units_held_check CHECK (units_held >= 0),
    CONSTRAINT products_units_held_within_stock_check CHECK (units_held <= total_stock),
    CONSTRAINT products_per_shopper_limit_check CHECK (per_shopper_limit >= 1),
    CONSTRAINT products_sale_window_check CHECK (sale_ends_at IS NULL OR sale_ends_at > sale_starts_at),
    CONSTRAINT products_admission_batch_size_check CHECK (admission_batch_size >= 1),
    CONSTRAINT products_admission_interval_check CHECK (admission_interval_seconds >= 1),
    CONSTRAINT products_admission_delay_check CHECK (admission_delay_seconds >= 0),
    CONSTRAINT products_sale_status_check CHECK (sale_status IN ('SCHEDULED', 'PAUSED', 'STOPPED', 'CANCELLED'))
);
CREATE INDEX products_company_idx ON products (company_id);
CREATE INDEX products_category_idx ON products (category_id);
CREATE INDEX products_sale_starts_idx ON products (sale_starts_at) WHERE NOT hidden;

CREATE TABLE product_options (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id          bigint        NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    name                varchar(30)   NOT NULL,
    value               varchar(50)   NOT NULL,
    extra_price         bigint        NOT NULL DEFAULT 0,
    sort_order          int           NOT NULL DEFAULT 0,
    CONSTRAINT product_options_extra_price_check CHECK (extra_price >= 0),
    CONSTRAINT product_options_name_value_key UNIQUE (product_id, name, value)
);
