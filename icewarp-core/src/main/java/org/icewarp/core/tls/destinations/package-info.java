/**
 * The seed's "Secure Destinations": for which hosts outgoing mail must use TLS, and which peer certificates are
 * accepted there.
 *
 * <p>{@link org.icewarp.core.tls.destinations.SecureDestinations} holds an ordered list of {@link
 * org.icewarp.core.tls.destinations.SecureDestination} rules (a host pattern with optional subject, issuer and
 * fingerprint), read from a simple text form with errors naming the line. For a host and the peer's chain it returns a
 * {@link org.icewarp.core.tls.destinations.Decision}:
 *
 * <table>
 *   <caption>Decision table</caption>
 *   <tr><th>rule for the host</th><th>peer</th><th>decision</th></tr>
 *   <tr><td>none</td><td>anything, also no TLS</td><td>not required: send</td></tr>
 *   <tr><td>any</td><td>no TLS, or no certificate</td><td>refused</td></tr>
 *   <tr><td>without subject, issuer, fingerprint</td><td>chain to a CA the {@link
 *       org.icewarp.core.tls.destinations.PeerTrust} trusts, valid now</td><td>allowed</td></tr>
 *   <tr><td>without subject, issuer, fingerprint</td><td>untrusted, self-signed, expired</td><td>refused</td></tr>
 *   <tr><td>with some of subject, issuer, fingerprint</td><td>every given one equals the peer certificate's</td>
 *       <td>allowed (no CA, no dates checked)</td></tr>
 *   <tr><td>with some of subject, issuer, fingerprint</td><td>any given one differs</td><td>refused, naming each
 *       difference</td></tr>
 * </table>
 *
 * <p>The most specific matching host pattern decides (exact host, then the longest wildcard, then {@code *}).
 * {@link org.icewarp.core.tls.destinations.SecureDestination#importPem(String, String)} is the seed's Import: it fills
 * subject, issuer and SHA-256 fingerprint from a PEM certificate.
 *
 * <p>Not checked here: revocation, and whether the certificate names the host (the seed does not ask for it; a
 * caller that wants it enables endpoint identification on its TLS engine).
 */
package org.icewarp.core.tls.destinations;
