package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.TokenRecord;

class RecordCodecsTest {
  private static final Instant OBTAINED = Instant.parse("2030-01-01T10:00:00.123456789Z");

  private static TokenRecord fullRecord() {
    TokenSet tokens =
        new TokenSet(
            new AccessToken("at-ä-😀", AccessToken.BEARER, OBTAINED.plusSeconds(3600)),
            Optional.of(new RefreshToken("rt-1")),
            Set.of("sign", "read"),
            OBTAINED);
    return new TokenRecord(
        tokens, Optional.of(new RefreshLease("node-1", OBTAINED.plusNanos(1))), true);
  }

  @Test
  void aTokenRecordSurvivesEncodingToTheNanosecond() {
    TokenRecord record = fullRecord();

    assertThat(TokenRecordCodec.decode(TokenRecordCodec.encode(record))).isEqualTo(record);
  }

  @Test
  void aBareTokenRecordSurvivesEncoding() {
    TokenRecord bare =
        TokenRecord.of(
            new TokenSet(
                new AccessToken("at", AccessToken.BEARER, OBTAINED),
                Optional.empty(),
                Set.of(),
                OBTAINED));

    assertThat(TokenRecordCodec.decode(TokenRecordCodec.encode(bare))).isEqualTo(bare);
  }

  @Test
  void equalRecordsEncodeToEqualBytes() {
    assertThat(TokenRecordCodec.encode(fullRecord()))
        .isEqualTo(TokenRecordCodec.encode(fullRecord()));
  }

  @Test
  void truncatedOrPaddedBytesAreMalformed() {
    byte[] bytes = TokenRecordCodec.encode(fullRecord());

    for (int length : new int[] {0, 1, 5, bytes.length - 1}) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> TokenRecordCodec.decode(truncated))
          .isInstanceOf(Binary.MalformedException.class);
    }
    byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> TokenRecordCodec.decode(padded))
        .isInstanceOf(Binary.MalformedException.class);
  }

  @Test
  void anUnknownFormatIsMalformed() {
    byte[] bytes = TokenRecordCodec.encode(fullRecord());
    bytes[0] = 9;

    assertThatThrownBy(() -> TokenRecordCodec.decode(bytes))
        .isInstanceOf(Binary.MalformedException.class)
        .hasMessageContaining("format 9");
  }

  @Test
  void aPendingAuthorizationSurvivesEncodingWithoutItsState() {
    PendingAuthorization pending =
        new PendingAuthorization(
            "the-state",
            URI.create("https://app.example/cb?x=1"),
            "alice",
            Optional.of("verifier"),
            Optional.of("/orders/7"),
            Set.of("read"),
            OBTAINED,
            OBTAINED.plusSeconds(600));

    byte[] bytes = PendingAuthorizationCodec.encode(pending);

    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("the-state");
    assertThat(PendingAuthorizationCodec.decode("the-state", bytes)).isEqualTo(pending);
  }

  @Test
  void aPendingAuthorizationWithoutOptionalsSurvivesEncoding() {
    PendingAuthorization bare =
        new PendingAuthorization(
            "s",
            URI.create("https://app.example/cb"),
            "bob",
            Optional.empty(),
            Optional.empty(),
            Set.of(),
            OBTAINED,
            OBTAINED.plusSeconds(1));

    assertThat(PendingAuthorizationCodec.decode("s", PendingAuthorizationCodec.encode(bare)))
        .isEqualTo(bare);
  }
}
