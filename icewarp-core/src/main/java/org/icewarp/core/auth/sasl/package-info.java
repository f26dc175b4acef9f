/**
 * SASL mechanisms as plug-ins: the server side of AUTH (SMTP, POP3) and AUTHENTICATE (IMAP).
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link org.icewarp.core.auth.sasl.SaslMechanism}: the SPI, found by {@link java.util.ServiceLoader}. It says
 *       whether the password travels in clear-equivalent form, whether TLS is required, whether the operator's settings
 *       allow it, and creates one {@link org.icewarp.core.auth.sasl.SaslExchange} per attempt.
 *   <li>{@link org.icewarp.core.auth.sasl.SaslMechanisms}: the installed mechanisms and the single rule deciding which
 *       of them a connection is offered and may use ("disable plain authentication for all services" is applied
 *       here and nowhere else). Protocols start exchanges through {@code SaslMechanisms.newExchange(name, context)},
 *       which also guards plug-ins: whatever a mechanism throws becomes a temporary failure.
 *   <li>{@link org.icewarp.core.auth.sasl.SaslExchange}: fed the client's decoded responses, answers a {@link
 *       org.icewarp.core.auth.sasl.SaslStep}: a challenge, a success (authorization and authentication identity), or
 *       a failure with a reason ({@code MALFORMED}, {@code TOO_LONG}, {@code WRONG_CREDENTIALS}, {@code
 *       NOT_AUTHORIZED}, {@code TEMPORARY}, {@code CANCELLED}). Initial responses (RFC 4959, RFC 4954) are accepted by
 *       client-first mechanisms; {@code cancel()} turns the client's {@code *} into a clean failure.
 *   <li>{@link org.icewarp.core.auth.sasl.SaslBackend}: everything the exchanges ask of the account store, as
 *       asynchronous methods. Only {@code verifyPassword} is mandatory; the others default to "nothing known".
 *   <li>{@link org.icewarp.core.auth.sasl.TokenVerifier}: the SPI a backend delegates bearer tokens to.
 * </ul>
 *
 * <h2>Threading</h2>
 *
 * <p>No exchange blocks. Account-store work goes through the backend's {@code CompletionStage}s. The JDK's mechanisms
 * are synchronous and ask for passwords through callbacks; for CRAM-MD5, DIGEST-MD5 and NTLM the exchange reads the
 * user name out of the client's message itself, fetches the secret asynchronously, and then runs the JDK step on
 * {@link org.icewarp.core.auth.sasl.SaslContext#worker()}, where the callback answers from memory and never waits.
 * GSSAPI's acceptor step (key lookup, decryption) and the keytab login also run on the worker. Stages may therefore
 * complete on a backend or worker thread: the protocol hands the result back to its event loop.
 *
 * <h2>Stock mechanisms</h2>
 *
 * <table>
 *   <caption>Mechanisms, what they need, and when they are offered (advertising order)</caption>
 *   <tr><th>mechanism</th><th>spec</th><th>needs from the backend</th><th>offered when</th></tr>
 *   <tr><td>GSSAPI</td><td>RFC 4752 (JDK)</td><td>{@code resolvePrincipal}</td><td>enabled and Kerberos settings
 *       (keytab, principal) present</td></tr>
 *   <tr><td>SCRAM-SHA-256, SCRAM-SHA-1</td><td>RFC 7677, RFC 5802 (ours)</td><td>{@code scramCredentials}</td>
 *       <td>enabled (default)</td></tr>
 *   <tr><td>OAUTHBEARER</td><td>RFC 7628 (ours)</td><td>{@code verifyToken}</td><td>enabled, and TLS</td></tr>
 *   <tr><td>XOAUTH2</td><td>Google (ours)</td><td>{@code verifyToken}</td><td>enabled, and TLS</td></tr>
 *   <tr><td>DIGEST-MD5</td><td>RFC 2831 (JDK)</td><td>{@code reversibleSecret}</td><td>enabled and reversible
 *       passwords</td></tr>
 *   <tr><td>CRAM-MD5</td><td>RFC 2195 (JDK)</td><td>{@code reversibleSecret}</td><td>enabled and reversible
 *       passwords</td></tr>
 *   <tr><td>NTLM</td><td>MS-NLMP (JDK)</td><td>{@code reversibleSecret}</td><td>enabled and reversible
 *       passwords</td></tr>
 *   <tr><td>PLAIN</td><td>RFC 4616 (ours)</td><td>{@code verifyPassword}</td><td>enabled (default), plain not
 *       disabled, and TLS if {@code plaintext-requires-tls}</td></tr>
 *   <tr><td>LOGIN</td><td>draft-murchison-sasl-login (ours)</td><td>{@code verifyPassword}</td><td>as PLAIN</td></tr>
 * </table>
 *
 * <p>Every mechanism with an authorization identity (PLAIN, SCRAM, DIGEST-MD5, GSSAPI, OAUTHBEARER; XOAUTH2's user
 * when it is not the token's account) asks {@code SaslBackend.mayActAs} when it differs from the authenticated
 * account; a refusal is {@code NOT_AUTHORIZED}.
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li>SCRAM channel binding is not implemented: the {@code -PLUS} variants are not offered, a client's {@code n}
 *       and {@code y} flags are accepted (correct when the server offers no {@code -PLUS}), {@code p=} is refused as
 *       malformed. {@code tls-server-end-point} could be added once the protocols hand the server certificate in.
 *   <li>SASLprep (RFC 4013) maps, normalises with NFKC, refuses the prohibited tables and checks the bidirectional
 *       rule; unassigned code points are allowed (the JDK's Unicode is newer than stringprep's 3.2). It applies to
 *       SCRAM user names and to passwords in {@link org.icewarp.core.auth.sasl.ScramCredentials#derive}.
 *   <li>An unknown SCRAM user gets a server-first message with a salt derived from the name, so the exchange looks the
 *       same as for a known user until the proof fails.
 *   <li>Data the server sends with success (SCRAM {@code v=}, DIGEST-MD5 {@code rspauth}) goes out as a last challenge
 *       answered by an empty response (RFC 4954 section 4; IMAP4rev1 has no success data either).
 *   <li>DIGEST-MD5 runs with {@code qop=auth} only: no integrity or confidentiality layer. GSSAPI likewise.
 *   <li>Oversized client messages ({@code max-message-size}) fail with {@code TOO_LONG} before any parsing.
 *   <li>Every exception (backend stage failed, worker executor full, a bug) becomes {@code TEMPORARY} and a WARN line;
 *       no stage completes exceptionally. Log lines and {@code toString()} never carry a password, token, secret or
 *       client payload; secret comparisons use {@link java.security.MessageDigest#isEqual}.
 * </ul>
 *
 * <h2>Configuration</h2>
 *
 * <p>The keys are {@code system.advanced.sasl.*} ({@code enabled}, {@code max-message-size}, {@code gssapi.keytab},
 * {@code gssapi.principal}, {@code gssapi.service-name}, {@code gssapi.realms.<REALM>}, {@code oauth.verifier},
 * {@code oauth.issuer}, {@code oauth.audience}, {@code oauth.key-file}, {@code oauth.claim}, {@code
 * oauth.clock-skew}), read into {@link org.icewarp.core.auth.sasl.SaslSettings} and documented with their defaults in
 * the module README. "Disable plain", "plain text only over TLS" and reversible passwords are {@code system.auth}
 * keys; {@code Authenticator.saslSettings} applies them.
 *
 * <p>The KDC and realm come from the JVM's Kerberos configuration ({@code /etc/krb5.conf} or {@code
 * -Djava.security.krb5.conf}); no {@code jaas.conf} is needed.
 */
package org.icewarp.core.auth.sasl;
