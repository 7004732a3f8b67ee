package se.krebit.testkit;

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
}
