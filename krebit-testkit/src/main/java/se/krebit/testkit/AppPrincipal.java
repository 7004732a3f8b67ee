package se.krebit.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An application acting for itself, as with client credentials. */
record AppPrincipal(RegisteredApp app) implements Principal {
  @Override
  public String clientId() {
    return app.clientId();
  }

  @Override
  public Set<String> roles() {
    return app.roles();
  }

  @Override
  public String describe() {
    return "client '" + app.clientId() + "'";
  }

  @Override
  public Map<String, Object> identity() {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("id", "app_" + app.clientId());
    identity.put("type", "app");
    identity.put("client_id", app.clientId());
    identity.put("roles", List.copyOf(app.roles()));
    return identity;
  }
}
