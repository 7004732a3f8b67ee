package se.krebit.testkit;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import se.krebit.auth.ClientSecret;

/** The applications registered with the fake, by client id. Immutable, so thread-safe. */
final class AppRegistry {
  private final Map<String, RegisteredApp> byClientId;

  AppRegistry(Collection<RegisteredApp> apps) {
    Map<String, RegisteredApp> map = new LinkedHashMap<>();
    for (RegisteredApp app : apps) {
      if (map.putIfAbsent(app.clientId(), app) != null) {
        throw new IllegalArgumentException(
            "client id '" + app.clientId() + "' is registered twice");
      }
    }
    this.byClientId = Collections.unmodifiableMap(map); // keeps registration order
  }

  Optional<RegisteredApp> find(String clientId) {
    return Optional.ofNullable(byClientId.get(clientId));
  }

  /** The app, if {@code secret} is its secret; compared in constant time. */
  Optional<RegisteredApp> authenticate(String clientId, String secret) {
    if (secret.isBlank()) {
      return Optional.empty();
    }
    return find(clientId).filter(app -> app.secret().equals(ClientSecret.of(secret)));
  }

  Collection<RegisteredApp> all() {
    return byClientId.values();
  }
}
