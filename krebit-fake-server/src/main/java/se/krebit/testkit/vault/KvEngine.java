package se.krebit.testkit.vault;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.vault.VaultReplies.Reply;

/**
 * One KV version 2 mount, as Vault's {@code kv} plugin behaves: every write adds a version (current
 * version plus one), {@code cas} must equal the current version (0: the key must not exist; soft
 * deletes leave the key and its current version in place), at most {@value #MAX_VERSIONS} versions
 * are kept, a read of a deleted or destroyed version answers 404 with its metadata, a metadata
 * write sets a key's {@code custom_metadata} (shown with every version), and a metadata delete
 * removes the key and all its versions, so numbering starts over. Thread-safe.
 */
final class KvEngine {
  static final int MAX_VERSIONS = 10;
  private static final String MOUNT_TYPE = "kv";

  private final String mount;
  private final Clock clock;
  private final boolean casRequired;
  private final Map<String, Key> keys = new HashMap<>();

  KvEngine(String mount, Clock clock, boolean casRequired) {
    this.mount = mount;
    this.clock = clock;
    this.casRequired = casRequired;
  }

  private static final class Key {
    final Instant createdTime;
    Instant updatedTime;
    long currentVersion;
    @Nullable Map<String, String> customMetadata;
    final TreeMap<Long, Version> versions = new TreeMap<>();

    Key(Instant createdTime) {
      this.createdTime = createdTime;
      this.updatedTime = createdTime;
    }
  }

  private record Version(
      Map<String, Object> data,
      Instant createdTime,
      @Nullable Instant deletionTime,
      boolean destroyed) {
    boolean isDeletedAt(Instant now) {
      return destroyed || deletionTime != null && !deletionTime.isAfter(now);
    }
  }

  String mount() {
    return mount;
  }

  synchronized boolean exists(String path) {
    return keys.containsKey(path);
  }

  synchronized Reply read(String path, long requestedVersion) {
    Key key = keys.get(path);
    if (key == null) {
      throw VaultError.notFound();
    }
    long number = requestedVersion > 0 ? requestedVersion : key.currentVersion;
    Version version = key.versions.get(number);
    if (version == null) {
      throw VaultError.notFound();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("data", null);
    data.put("metadata", metadata(number, version, key.customMetadata));
    if (version.isDeletedAt(clock.instant())) {
      // Marshalled by the plugin itself (RespondWithStatusCode), before the router names the mount:
      // no mount type.
      return Reply.notFoundWith(data, "");
    }
    data.put("data", version.data());
    return Reply.data(data, MOUNT_TYPE);
  }

  synchronized Reply write(String path, Map<String, Object> body) {
    if (!(body.get("data") instanceof Map<?, ?> raw)) {
      throw VaultError.badRequest("no data provided");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    raw.forEach((k, v) -> data.put(String.valueOf(k), v));
    Key key = keys.get(path);
    long current = key == null ? 0 : key.currentVersion;
    Optional<Long> cas = cas(body.get("options"));
    if (cas.isPresent() ? cas.get() != current : casRequired) {
      throw VaultError.badRequest(
          cas.isPresent() ? VaultError.CAS_MISMATCH : VaultError.CAS_REQUIRED);
    }
    Instant now = clock.instant();
    if (key == null) {
      key = new Key(now);
      keys.put(path, key);
    }
    key.currentVersion++;
    key.updatedTime = now;
    Version version = new Version(data, now, null, false);
    key.versions.put(key.currentVersion, version);
    while (key.versions.size() > MAX_VERSIONS) {
      key.versions.pollFirstEntry();
    }
    return Reply.data(metadata(key.currentVersion, version, key.customMetadata), MOUNT_TYPE);
  }

  /**
   * {@code POST metadata/...}: sets the key's {@code custom_metadata}, creating the key if new;
   * 204.
   */
  synchronized Reply writeMetadata(String path, Map<String, Object> body) {
    Instant now = clock.instant();
    Key key = keys.computeIfAbsent(path, p -> new Key(now));
    if (body.get("custom_metadata") instanceof Map<?, ?> custom) {
      Map<String, String> copy = new TreeMap<>();
      custom.forEach((k, v) -> copy.put(String.valueOf(k), String.valueOf(v)));
      key.customMetadata = copy;
      key.updatedTime = now;
    }
    return Reply.noContent();
  }

  /** {@code DELETE data/...}: soft-deletes the latest version; the key and its numbering stay. */
  synchronized Reply deleteLatest(String path) {
    Key key = keys.get(path);
    if (key != null) {
      Version latest = key.versions.get(key.currentVersion);
      if (latest != null && latest.deletionTime() == null) {
        key.versions.put(
            key.currentVersion,
            new Version(latest.data(), latest.createdTime(), clock.instant(), latest.destroyed()));
      }
    }
    return Reply.noContent();
  }

  synchronized Reply readMetadata(String path) {
    Key key = keys.get(path);
    if (key == null) {
      throw VaultError.notFound();
    }
    Map<String, Object> versions = new LinkedHashMap<>();
    key.versions.forEach(
        (number, v) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("created_time", v.createdTime().toString());
          entry.put("deletion_time", v.deletionTime() == null ? "" : v.deletionTime().toString());
          entry.put("destroyed", v.destroyed());
          versions.put(Long.toString(number), entry);
        });
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("cas_required", casRequired);
    data.put("created_time", key.createdTime.toString());
    data.put("current_version", key.currentVersion);
    data.put("custom_metadata", key.customMetadata);
    data.put("delete_version_after", "0s");
    data.put("max_versions", 0);
    data.put("oldest_version", key.versions.isEmpty() ? 0 : key.versions.firstKey());
    data.put("updated_time", key.updatedTime.toString());
    data.put("versions", versions);
    return Reply.data(data, MOUNT_TYPE);
  }

  /** {@code DELETE metadata/...}: the key and every version go; 204 whether or not it existed. */
  synchronized Reply deleteMetadata(String path) {
    keys.remove(path);
    return Reply.noContent();
  }

  synchronized List<String> paths() {
    return new ArrayList<>(new TreeMap<>(keys).keySet());
  }

  synchronized OptionalLong currentVersion(String path) {
    Key key = keys.get(path);
    return key == null ? OptionalLong.empty() : OptionalLong.of(key.currentVersion);
  }

  synchronized Optional<Map<String, Object>> latestData(String path) {
    Key key = keys.get(path);
    Version latest = key == null ? null : key.versions.get(key.currentVersion);
    return latest == null || latest.isDeletedAt(clock.instant())
        ? Optional.empty()
        : Optional.of(Map.copyOf(latest.data()));
  }

  private static Map<String, Object> metadata(
      long number, Version version, @Nullable Map<String, String> custom) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("created_time", version.createdTime().toString());
    metadata.put("custom_metadata", custom);
    metadata.put(
        "deletion_time", version.deletionTime() == null ? "" : version.deletionTime().toString());
    metadata.put("destroyed", version.destroyed());
    metadata.put("version", number);
    return metadata;
  }

  private static Optional<Long> cas(@Nullable Object options) {
    if (!(options instanceof Map<?, ?> map) || !map.containsKey("cas")) {
      return Optional.empty();
    }
    Object cas = map.get("cas");
    try {
      if (cas instanceof Number n) {
        return Optional.of(n.longValue());
      }
      if (cas instanceof String s) {
        return Optional.of(Long.parseLong(s.trim()));
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw VaultError.badRequest("error parsing check-and-set parameter");
  }
}
