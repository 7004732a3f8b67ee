package se.krebit.auth.feign;

import static java.util.Objects.requireNonNull;

import se.krebit.auth.ClientCredentials;
import se.krebit.auth.spi.Grant;

/**
 * One token request as handed to Feign: who asks and what it trades. {@code toString()} redacts, as
 * the client credentials and every grant do.
 */
record TokenRequest(ClientCredentials client, Grant grant) {
  TokenRequest {
    requireNonNull(client, "client");
    requireNonNull(grant, "grant");
  }
}
