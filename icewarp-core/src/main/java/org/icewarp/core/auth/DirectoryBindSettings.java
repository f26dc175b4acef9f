package org.icewarp.core.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where directory-owned accounts bind: per directory source id ({@link org.icewarp.storage.DirectoryIdentity#sourceId()})
 * an LDAP server and its backups, tried in order.
 *
 * @param sources directory source id to server
 */
public record DirectoryBindSettings(Map<String, Server> sources) {
    /** Validates and copies. */
    public DirectoryBindSettings {
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** One source's server. */
    public static DirectoryBindSettings of(String sourceId, Server server) {
        return new DirectoryBindSettings(Map.of(sourceId, server));
    }

    /**
     * A directory server.
     *
     * @param urls {@code ldap://host:port} or {@code ldaps://host:port} (TLS, the JVM's trust store), the primary
     *     first and backups after; at least one
     * @param timeout connect and response timeout of one bind, 1 ms to 5 minutes
     */
    public record Server(List<String> urls, Duration timeout) {
        /** Validates. */
        public Server {
            urls = List.copyOf(urls);
            Objects.requireNonNull(timeout, "timeout");
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("a directory server needs at least one url");
            }
            for (String u : urls) {
                DirectoryBindBackend.parse(u);
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("timeout must be 1 ms to 5 minutes, was " + timeout);
            }
        }

        /** One server with a 10-second timeout. */
        public static Server of(String url) {
            return new Server(List.of(url), Duration.ofSeconds(10));
        }
    }
}
