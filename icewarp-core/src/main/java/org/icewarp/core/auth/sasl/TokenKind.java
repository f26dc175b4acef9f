package org.icewarp.core.auth.sasl;

/** Which mechanism carried a bearer token to a {@link TokenVerifier}; both carry OAuth 2.0 bearer tokens. */
public enum TokenKind {
    /** RFC 7628 {@code OAUTHBEARER}. */
    OAUTHBEARER,
    /** Google's {@code XOAUTH2}. */
    XOAUTH2
}
