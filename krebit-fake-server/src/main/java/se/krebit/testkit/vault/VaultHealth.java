package se.krebit.testkit.vault;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET sys/health}, unauthenticated, answered even while sealed or standby: 200 when active,
 * 429 when standby (200 with {@code standbyok=true}), 503 when sealed, with the body the flavour's
 * server sends: its version, and the fields its {@code HealthResponse} has (cluster name and id
 * only while unsealed).
 */
final class VaultHealth {
  static final String CLUSTER_ID = "8190fce1-679e-3a57-7d1f-f63d4851633b";

  private final VaultFlavour flavour;
  private final VaultModes modes;
  private final Clock clock;
  private final boolean hideVersion;

  VaultHealth(VaultFlavour flavour, VaultModes modes, Clock clock, boolean hideVersion) {
    this.flavour = flavour;
    this.modes = modes;
    this.clock = clock;
    this.hideVersion = hideVersion;
  }

  /** The status the request asks for, given the node's state. */
  int status(Map<String, String> query) {
    if (modes.sealed()) {
      return code(query, "sealedcode", 503);
    }
    if (modes.activeNode().isPresent() && !"true".equals(query.get("standbyok"))) {
      return code(query, "standbycode", 429);
    }
    return code(query, "activecode", 200);
  }

  Map<String, Object> body() {
    boolean sealed = modes.sealed();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("initialized", true);
    body.put("sealed", sealed);
    body.put("standby", modes.activeNode().isPresent());
    if (!flavour.isOpenBao()) {
      body.put("performance_standby", false);
    }
    body.put("replication_performance_mode", "disabled");
    body.put("replication_dr_mode", "disabled");
    body.put("server_time_utc", clock.instant().getEpochSecond());
    body.put("version", hideVersion ? "" : flavour.version());
    if (flavour.healthHasHeartbeat()) {
      body.put("enterprise", false);
    }
    if (!sealed) {
      body.put("cluster_name", (flavour.isOpenBao() ? "openbao" : "vault") + "-cluster-6fc973c2");
      body.put("cluster_id", CLUSTER_ID);
    }
    if (flavour.healthHasHeartbeat()) {
      body.put("echo_duration_ms", 0);
      body.put("clock_skew_ms", 0);
      body.put("replication_primary_canary_age_ms", 0);
    }
    return body;
  }

  private static int code(Map<String, String> query, String name, int otherwise) {
    try {
      return query.containsKey(name) ? Integer.parseInt(query.get(name)) : otherwise;
    } catch (NumberFormatException e) {
      throw VaultError.of(400);
    }
  }
}
