package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static se.krebit.auth.SignInFixture.CALLBACK;
import static se.krebit.auth.SignInFixture.CLIENT;
import static se.krebit.auth.SignInFixture.TENANT;
import static se.krebit.auth.SignInFixture.beginSignIn;
import static se.krebit.auth.SignInFixture.flowOn;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import se.krebit.auth.AuthorizationCallbackException.MalformedCallback;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.testing.SettableClock;

/**
 * Hostile callback URIs and tenant names, generated: each ends in a typed error (or, for a tenant,
 * a tenant that is what it claims), spends no state that was not real, stores nothing and calls no
 * endpoint.
 */
class HostileInputTest {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /**
   * A flow whose endpoint counts exchanges and whose state repository and store can be inspected.
   */
  private static final class Fixture {
    final SettableClock clock = SettableClock.startingAt(Instant.parse("2026-11-27T10:00:00Z"));
    final InMemoryStateRepository states = new InMemoryStateRepository(clock);
    final InMemoryTokenStore store = new InMemoryTokenStore();
    final AtomicInteger exchanges = new AtomicInteger();
    final RotatingEndpoint server = new RotatingEndpoint();
    final AuthorizationCodeFlow flow;
    final String realState;

    Fixture() {
      TokenEndpoint counting =
          (client, grant) -> {
            exchanges.incrementAndGet();
            return server.exchange(client, grant);
          };
      flow =
          flowOn(counting)
              .tokenStore(store)
              .stateRepository(states)
              .clock(clock)
              .executor(Runnable::run)
              .build();
      realState = beginSignIn(flow, "alice");
    }

    boolean stored() {
      return store.load(TokenKey.of(TENANT, CLIENT, "alice")).isPresent();
    }

    boolean realStateUnspent() {
      return states.consume(realState) instanceof StateConsumption.Consumed;
    }
  }

  // ---- Callback URIs
  // -------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "state",
            "code",
            "error",
            "error_description",
            "iss",
            "response",
            "STATE",
            "%73tate",
            "st%61te",
            "state%00",
            "state%20",
            "",
            "code%3Dx",
            "state[]",
            "%E2%80%AEstate"),
        Arbitraries.strings().withChars("abcsxyz_.-").ofMaxLength(8));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            "%00",
            "%0D%0ASet-Cookie:x",
            "%25ZZ",
            "%2526",
            "%C0%AF",
            "%FF%FE",
            "%E2%80%AE",
            "+",
            "%2B",
            "%3D",
            "%26state%3Dx",
            "access_denied",
            "\u00e9\u0301",
            "\u202e",
            "\ud83d\ude00",
            "..%2F..%2F",
            "%",
            "javascript:alert(1)",
            "<script>"),
        Arbitraries.strings().withChars("abcdefXYZ0189-._~!$'()*,;:@/?").ofMaxLength(40),
        Arbitraries.strings().withChars("s").ofMinLength(2040).ofMaxLength(5000));
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> parameter =
        Combinators.combine(names(), values(), Arbitraries.integers().between(0, 3))
            .as(
                (name, value, shape) ->
                    switch (shape) {
                      case 0 -> name;
                      case 1 -> name + "=";
                      default -> name + "=" + value;
                    });
    return parameter
        .list()
        .ofMaxSize(6)
        .flatMap(
            parameters ->
                Arbitraries.of("&", ";", "&&")
                    .map(separator -> String.join(separator, parameters)));
  }

  @Provide
  Arbitrary<String> fragments() {
    return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("#", "#code=c1&state=x", "#%00"));
  }

  @Property(tries = 400)
  void aForgedCallbackIsRefusedTypedAndSpendsStoresAndSendsNothing(
      @ForAll("queries") String query,
      @ForAll("fragments") String fragment,
      @ForAll boolean withQuery) {
    URI uri = parse(CALLBACK + (withQuery ? "?" + query : "") + fragment);
    Fixture fixture = new Fixture();

    Throwable failure = catchThrowable(() -> fixture.flow.complete(uri));

    assertThat(failure).as(uri.toString()).isInstanceOf(AuthorizationCallbackException.class);
    assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("\r");
    assertThat(fixture.exchanges).as("no code was exchanged").hasValue(0);
    assertThat(fixture.stored()).as("nothing stored").isFalse();
    assertThat(fixture.realStateUnspent()).as("the real state is still unspent").isTrue();
  }

  @Property(tries = 400)
  void aCallbackWithTheRealStateAndHostileExtrasSpendsItOnlyOnceItIsWellFormed(
      @ForAll("queries") String before,
      @ForAll("queries") String after,
      @ForAll("fragments") String fragment) {
    Fixture fixture = new Fixture();
    URI uri =
        parse(CALLBACK + "?" + before + "&state=" + fixture.realState + "&" + after + fragment);

    Throwable failure = catchThrowable(() -> fixture.flow.complete(uri));

    if (failure == null) {
      assertThat(fixture.exchanges).hasValue(1);
      assertThat(fixture.stored()).isTrue();
      assertThat(fixture.realStateUnspent()).isFalse();
      return;
    }
    assertThat(failure).as(uri.toString()).isInstanceOf(AuthorizationCallbackException.class);
    assertThat(fixture.stored()).as("nothing stored").isFalse();
    assertThat(fixture.exchanges).as("no code was exchanged").hasValue(0);
    assertThat(fixture.realStateUnspent())
        .as("a malformed callback spends no state; a well-formed one spends it")
        .isEqualTo(failure instanceof MalformedCallback);
  }

  private static URI parse(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      Assume.that(false); // not a URI: a web server would not have handed it over either
      throw new AssertionError(e);
    }
  }

  // ---- Tenant names
  // --------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> organizations() {
    Arbitrary<Character> hostile =
        Arbitraries.of(
            'a', 'z', '0', '9', '-', '.', '/', '@', ':', '%', ' ', '\n', '\t', 'A', 'Z', '\u00e5',
            '\u00fc', '\u0430', '\uff41', '\u0131', '\u0130', '\u212a', '\u00df', '_', '#', '?',
            '\u0000', '\u202e', '\u0660');
    return Arbitraries.oneOf(
        hostile.list().ofMaxSize(80).map(HostileInputTest::text),
        Arbitraries.strings().withChars("abc-").ofMinLength(1).ofMaxLength(70),
        Arbitraries.of(
            "xn--land-spa",
            "ACME",
            "acme.",
            ".acme",
            "acme.krebit.se",
            "a@b",
            "acme/x",
            "-acme",
            "acme-"));
  }

  private static String text(List<Character> chars) {
    StringBuilder text = new StringBuilder();
    chars.forEach(text::append);
    return text.toString();
  }

  @Property(tries = 1000)
  void anOrganizationIsALowerCaseDnsLabelOrAConfigurationError(
      @ForAll("organizations") String organization) {
    Throwable failure = catchThrowable(() -> Tenant.organization(organization));

    if (DNS_LABEL.matcher(organization).matches()) {
      assertThat(failure).isNull();
      Tenant tenant = Tenant.organization(organization);
      assertThat(tenant.baseUri()).isEqualTo(URI.create("https://" + organization + ".krebit.se/"));
      assertThat(tenant.tokenEndpoint().getHost()).isEqualTo(organization + ".krebit.se");
    } else {
      assertThat(failure).as(organization).isInstanceOf(KrebitConfigurationException.class);
      assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("\u202e");
    }
  }

  @Provide
  Arbitrary<String> tenantTexts() {
    Arbitrary<String> host =
        Arbitraries.oneOf(
            organizations(),
            Arbitraries.of(
                "127.0.0.1",
                "localhost",
                "[::1]",
                "10.0.0.1",
                "0.0.0.0",
                "127.0.0.1.",
                "2130706433",
                "acme.krebit.se",
                "ACME.KREBIT.SE",
                "[::ffff:127.0.0.1]",
                "localhost.evil.example"));
    Arbitrary<String> rest =
        Arbitraries.of(
            "",
            "/",
            "//evil.example/",
            "/krebit",
            ":8443/",
            ":0",
            ":99999",
            "/a?x=1",
            "/#f",
            "@evil.example",
            ":pw@x/",
            "\\@evil.example",
            "/%2F%2Fevil.example",
            "/..//evil");
    return Combinators.combine(
            Arbitraries.of("https://", "http://", "HTTPS://", "ftp://", "://", "https:/"),
            host,
            rest)
        .as((scheme, h, r) -> scheme + h + r);
  }

  @Property(tries = 1000)
  void aParsedTenantIsWhatItClaimsOrAConfigurationError(@ForAll("tenantTexts") String text) {
    Throwable failure = catchThrowable(() -> Tenant.parse(text));

    if (failure != null) {
      assertThat(failure).as(text).isInstanceOf(KrebitConfigurationException.class);
      return;
    }
    Tenant tenant = Tenant.parse(text);
    URI given = URI.create(text);
    URI base = tenant.baseUri();
    assertThat(base.getHost()).as(text).isEqualTo(given.getHost().toLowerCase(Locale.ROOT));
    assertThat(base.getRawUserInfo()).isNull();
    assertThat(base.getRawQuery()).isNull();
    assertThat(tenant.tokenEndpoint().getHost()).isEqualTo(base.getHost());
    if (base.getScheme().equals("http")) {
      assertThat(SecureUri.isLoopback(base)).as("plain http only to loopback: " + text).isTrue();
    } else {
      assertThat(base.getScheme()).isEqualTo("https");
    }
  }
}
