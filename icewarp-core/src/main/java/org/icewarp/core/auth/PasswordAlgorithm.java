package org.icewarp.core.auth;

import java.util.Locale;

/** The slow hash a password is stored with. */
public enum PasswordAlgorithm {
    /** Argon2id (RFC 9106), version 19, computed with Bouncy Castle: the default. */
    ARGON2ID("argon2id"),
    /** PBKDF2 with HMAC-SHA-256 (RFC 8018), computed by the JDK: for sites that need a NIST-approved function. */
    PBKDF2_SHA256("pbkdf2-sha256");

    private final String id;

    PasswordAlgorithm(String id) {
        this.id = id;
    }

    /** The identifier in the encoded hash and in configuration ({@code argon2id}, {@code pbkdf2-sha256}). */
    public String id() {
        return id;
    }

    /**
     * The algorithm with this identifier, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static PasswordAlgorithm parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (PasswordAlgorithm a : values()) {
            if (a.id.equals(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a password algorithm (argon2id, pbkdf2-sha256)");
    }
}
