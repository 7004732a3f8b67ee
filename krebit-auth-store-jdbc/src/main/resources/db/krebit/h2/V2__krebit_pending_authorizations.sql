-- Krebit Auth for Java: the JDBC state repository's table, H2.
-- One row per begun sign-in, found by the SHA-256 of its state (the state itself is not stored).
-- pending_authorization holds the request (redirect URI, subject, PKCE verifier, returnTo, scope,
-- instants), encrypted and bound to state_hash. consumed_at is set once, by the one callback that
-- consumes the row; rows stay until purged after expires_at, so a replay is recognised.
CREATE TABLE IF NOT EXISTS krebit_pending_authorizations (
  state_hash            VARBINARY(32)            NOT NULL,
  key_id                VARCHAR(64)              NOT NULL,
  pending_authorization VARBINARY                NOT NULL,
  created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  consumed_at           TIMESTAMP WITH TIME ZONE,
  CONSTRAINT krebit_pending_authorizations_pk PRIMARY KEY (state_hash)
);

CREATE INDEX IF NOT EXISTS krebit_pending_authorizations_expires_at
  ON krebit_pending_authorizations (expires_at);
