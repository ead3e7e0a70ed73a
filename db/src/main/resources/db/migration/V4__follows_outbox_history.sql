-- Sale follows, the transactional outbox tables and per-minute queue history.

CREATE TABLE sale_follows (
    shopper_id          bigint        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    product_id          bigint        NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (shopper_id, product_id)
);
CREATE INDEX sale_follows_product_idx ON sale_follows (product_id);

-- Spring Modulith event publication registry (the outbox), copied verbatim from
-- spring-modulith-events-jdbc 2.0.1: org/springframework/modulith/events/jdbc/schemas/v2/schema-postgresql.sql
-- and schemas/v2/schema-postgresql-archive.sql (the archive is used by completion-mode ARCHIVE).
-- The apps run with spring.modulith.events.jdbc.schema-initialization.enabled=false; Flyway owns the schema.
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);

CREATE TABLE IF NOT EXISTS event_publication_archive
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_archive_serialized_event_hash_idx ON event_publication_archive USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_archive_by_completion_date_idx ON event_publication_archive (completion_date);

-- Per-minute queue figures so consoles can chart a sale without Prometheus.
-- waiting is a gauge (last value of the minute); joined, admitted and dropped are counts within the minute.
CREATE TABLE queue_minute_stats (
    product_id          bigint        NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    minute              timestamptz   NOT NULL,
    waiting             int           NOT NULL DEFAULT 0,
    joined              int           NOT NULL DEFAULT 0,
    admitted            int           NOT NULL DEFAULT 0,
    dropped             int           NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, minute),
    CONSTRAINT queue_minute_stats_counts_check CHECK (waiting >= 0 AND joined >= 0 AND admitted >= 0 AND dropped >= 0)
);
