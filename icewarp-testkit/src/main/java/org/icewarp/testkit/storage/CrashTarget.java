package org.icewarp.testkit.storage;

import java.util.Map;
import java.util.Objects;

/**
 * How a child JVM opens the same store: a {@link org.icewarp.storage.StorageProvider} id found by {@link
 * java.util.ServiceLoader} on the test class path, and its options (pointing at the same data).
 *
 * @param providerId the provider id
 * @param options the provider's options
 */
public record CrashTarget(String providerId, Map<String, String> options) {
    /** Validates and copies. */
    public CrashTarget {
        Objects.requireNonNull(providerId, "providerId");
        options = Map.copyOf(options);
    }
}
