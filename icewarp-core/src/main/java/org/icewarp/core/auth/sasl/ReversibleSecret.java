package org.icewarp.core.auth.sasl;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user's clear password as the challenge-response mechanisms need it ({@code CRAM-MD5}, {@code DIGEST-MD5},
 * {@code NTLM}). Holds the array it was given, so that {@link #clear()} wipes the caller's copy too; {@link
 * #toString()} never shows it.
 */
public final class ReversibleSecret {
    private final String account;
    private final char[] password;

    /**
     * Wraps a password.
     *
     * @param account the canonical account name; it becomes the authentication identity
     * @param password the clear password; kept, not copied
     */
    public ReversibleSecret(String account, char[] password) {
        this.account = Objects.requireNonNull(account, "account");
        this.password = Objects.requireNonNull(password, "password");
    }

    /** @return the canonical account name */
    public String account() {
        return account;
    }

    /** @return a copy of the password */
    public char[] password() {
        return password.clone();
    }

    /** Overwrites the password with zeros; the exchange calls it when done. */
    public void clear() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "ReversibleSecret[account=" + account + ", password=<redacted>]";
    }
}
