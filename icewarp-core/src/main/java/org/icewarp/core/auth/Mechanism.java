package org.icewarp.core.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * A way of logging in, as the authentication log numbers it ({@code Method=<n>}). The seed's numbers 0–7 are kept;
 * mechanisms it does not know get numbers from 8 on. An open set: a protocol may define more with the constructor.
 *
 * @param name the SASL mechanism name (or a pseudo-name such as {@code USER} for POP3 USER/PASS), upper case
 * @param method the number the authentication log writes
 * @param plaintext whether the password crosses the wire in clear (or merely encoded): PLAIN, LOGIN, USER/PASS
 */
public record Mechanism(String name, int method, boolean plaintext) {
    /** SASL PLAIN (RFC 4616); method 0 (gmPASS). */
    public static final Mechanism PLAIN = new Mechanism("PLAIN", 0, true);
    /** SASL LOGIN; method 0 (gmPASS). */
    public static final Mechanism LOGIN = new Mechanism("LOGIN", 0, true);
    /** A password command of the protocol itself: POP3 USER/PASS, IMAP LOGIN, HTTP Basic; method 0 (gmPASS). */
    public static final Mechanism USER = new Mechanism("USER", 0, true);
    /** POP3 APOP; method 1 (gmMD5). */
    public static final Mechanism APOP = new Mechanism("APOP", 1, false);
    /** CRAM-MD5 (RFC 2195); method 2. */
    public static final Mechanism CRAM_MD5 = new Mechanism("CRAM-MD5", 2, false);
    /** NTLM; method 3. */
    public static final Mechanism NTLM = new Mechanism("NTLM", 3, false);
    /** DIGEST-MD5 (RFC 2831); method 4. */
    public static final Mechanism DIGEST_MD5 = new Mechanism("DIGEST-MD5", 4, false);
    /** The seed's gmSHA1; method 5. */
    public static final Mechanism SHA1 = new Mechanism("SHA1", 5, false);
    /** One-time password; method 6 (gmOTP). */
    public static final Mechanism OTP = new Mechanism("OTP", 6, false);
    /** SyncML MD5; method 7. */
    public static final Mechanism SYNCML_MD5 = new Mechanism("SYNCML-MD5", 7, false);
    /** SCRAM-SHA-1 (RFC 5802); method 8. */
    public static final Mechanism SCRAM_SHA_1 = new Mechanism("SCRAM-SHA-1", 8, false);
    /** SCRAM-SHA-256 (RFC 7677); method 9. */
    public static final Mechanism SCRAM_SHA_256 = new Mechanism("SCRAM-SHA-256", 9, false);
    /** OAUTHBEARER (RFC 7628); method 10. */
    public static final Mechanism OAUTHBEARER = new Mechanism("OAUTHBEARER", 10, false);
    /** XOAUTH2; method 11. */
    public static final Mechanism XOAUTH2 = new Mechanism("XOAUTH2", 11, false);
    /** EXTERNAL (TLS client certificate, RFC 4422 appendix A); method 12. */
    public static final Mechanism EXTERNAL = new Mechanism("EXTERNAL", 12, false);
    /** GSSAPI (Kerberos, single sign-on); method 13. */
    public static final Mechanism GSSAPI = new Mechanism("GSSAPI", 13, false);

    private static final Mechanism[] KNOWN = {
        PLAIN,
        LOGIN,
        USER,
        APOP,
        CRAM_MD5,
        NTLM,
        DIGEST_MD5,
        SHA1,
        OTP,
        SYNCML_MD5,
        SCRAM_SHA_1,
        SCRAM_SHA_256,
        OAUTHBEARER,
        XOAUTH2,
        EXTERNAL,
        GSSAPI
    };

    /** Validates and upper-cases the name. */
    public Mechanism {
        Objects.requireNonNull(name, "name");
        name = name.toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z0-9_-]{1,20}")) {
            throw new IllegalArgumentException("mechanism name '" + name + "' is not a SASL mechanism name");
        }
        if (method < 0) {
            throw new IllegalArgumentException("method must not be negative, was " + method);
        }
    }

    /**
     * A known mechanism by name, any case; {@code SCRAM-SHA-256-PLUS} is {@code SCRAM-SHA-256}.
     *
     * @throws IllegalArgumentException when the name is not one of the constants
     */
    public static Mechanism named(String name) {
        String n = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
        if (n.endsWith("-PLUS")) {
            n = n.substring(0, n.length() - 5);
        }
        for (Mechanism m : KNOWN) {
            if (m.name.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a known mechanism");
    }
}
