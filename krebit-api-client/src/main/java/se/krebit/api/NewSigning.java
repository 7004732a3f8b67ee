package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A draft signing to create, with the members of Krebit's quickstart: {@code name}, {@code
 * language}, {@code signing_order} and {@code message}; the ones left unset are not sent. Krebit
 * decides what is valid (the quickstart names an unsupported language and a message over 400
 * characters as refused) and says so with a {@link KrebitValidationException}; nothing is checked
 * here first, so Krebit's rules, not a copy of them, apply. Immutable.
 *
 * <pre>{@code
 * NewSigning draft = NewSigning.builder()
 *     .name("Demo agreement")
 *     .language(NewSigning.ENGLISH)                // "EN"
 *     .signingOrder(NewSigning.SEQUENTIAL)         // "sequential"
 *     .message("Please sign by Friday.")
 *     .build();
 * }</pre>
 *
 * @param name the signing's name
 * @param language its language code
 * @param signingOrder how recipients take turns
 * @param message the message to recipients
 */
public record NewSigning(
    Optional<String> name,
    Optional<String> language,
    Optional<String> signingOrder,
    Optional<String> message) {
  /** The language code of English, the one the quickstart shows. */
  public static final String ENGLISH = "EN";

  /** The signing order the quickstart shows: recipients sign one after another. */
  public static final String SEQUENTIAL = "sequential";

  /**
   * Requires every member, an unset one as empty; prefer {@link #builder()}, which leaves out what
   * is not set.
   */
  public NewSigning {
    requireNonNull(name, "name");
    requireNonNull(language, "language");
    requireNonNull(signingOrder, "signingOrder");
    requireNonNull(message, "message");
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON body, members in the quickstart's order, unset ones left out. */
  Map<String, String> body() {
    Map<String, String> body = new LinkedHashMap<>();
    name.ifPresent(value -> body.put("name", value));
    language.ifPresent(value -> body.put("language", value));
    signingOrder.ifPresent(value -> body.put("signing_order", value));
    message.ifPresent(value -> body.put("message", value));
    return body;
  }

  /** Configures a {@link NewSigning}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable String language;
    private @Nullable String signingOrder;
    private @Nullable String message;

    private Builder() {}

    /** The signing's name, for example {@code "Demo agreement"}. */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** Its language code, for example {@link NewSigning#ENGLISH}. */
    public Builder language(String language) {
      this.language = requireNonNull(language, "language");
      return this;
    }

    /** How recipients take turns, for example {@link NewSigning#SEQUENTIAL}. */
    public Builder signingOrder(String signingOrder) {
      this.signingOrder = requireNonNull(signingOrder, "signingOrder");
      return this;
    }

    /** The message to recipients; the quickstart says Krebit refuses more than 400 characters. */
    public Builder message(String message) {
      this.message = requireNonNull(message, "message");
      return this;
    }

    /** The draft to create. */
    public NewSigning build() {
      return new NewSigning(
          Optional.ofNullable(name),
          Optional.ofNullable(language),
          Optional.ofNullable(signingOrder),
          Optional.ofNullable(message));
    }
  }
}
