-- Krebit Auth for Java: the JDBC webhook delivery deduplicator's table, PostgreSQL.
-- One row per webhook delivery taken, found by the SHA-256 of its key (a delivery id, an event's type
-- and id, or the body's SHA-256), so no id or payload is stored. A row claims the delivery until
-- expires_at; a later claim of the same key then wins again, and purgeExpired() deletes it.
CREATE TABLE IF NOT EXISTS krebit_webhook_deliveries (
  delivery_key BYTEA                    NOT NULL,
  claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT krebit_webhook_deliveries_pk PRIMARY KEY (delivery_key)
);

CREATE INDEX IF NOT EXISTS krebit_webhook_deliveries_expires_at
  ON krebit_webhook_deliveries (expires_at);
