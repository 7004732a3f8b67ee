-- Krebit Auth for Java: the JDBC token store's table, H2.
-- One row per (tenant, client_id, subject). token_record holds the whole record (tokens, scope,
-- lease, re-authorization mark), encrypted and bound to the row's identity and version. The other
-- columns after it mirror non-secret parts of the record for operators' queries; the store never
-- reads them.
CREATE TABLE IF NOT EXISTS krebit_tokens (
  tenant                   VARCHAR(255)             NOT NULL,
  client_id                VARCHAR(255)             NOT NULL,
  subject                  VARCHAR(255)             NOT NULL,
  version                  BIGINT                   NOT NULL,
  key_id                   VARCHAR(64)              NOT NULL,
  token_record             VARBINARY                NOT NULL,
  access_expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  refresh_lease_owner      VARCHAR(255),
  refresh_lease_expires_at TIMESTAMP WITH TIME ZONE,
  reauthorization_required BOOLEAN                  NOT NULL,
  CONSTRAINT krebit_tokens_pk PRIMARY KEY (tenant, client_id, subject)
);
