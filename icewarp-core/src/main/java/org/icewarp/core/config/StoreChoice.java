package org.icewarp.core.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which storage provider holds one kind of store, and its options ({@code system.storage.<store>} in the YAML file).
 * Accounts, mailboxes and the outgoing queue are chosen separately, so "accounts in the database, mail on disk" is one
 * setting.
 *
 * @param provider the provider id ({@code memory}, {@code fs}, {@code jdbc}, or one of your own on the class path)
 * @param options the provider's options, for example {@code path} for {@code fs}
 */
public record StoreChoice(String provider, Map<String, String> options) {
    /** The in-memory provider: nothing survives a restart. The default until a store is configured. */
    public static final StoreChoice MEMORY = new StoreChoice("memory", Map.of());

    /** Validates and copies. */
    public StoreChoice {
        Objects.requireNonNull(provider, "provider");
        if (!provider.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException(
                    "provider '" + provider + "' must be a lower-case id such as fs or jdbc");
        }
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** A provider with options. */
    public static StoreChoice of(String provider, Map<String, String> options) {
        return new StoreChoice(provider, options);
    }
}
