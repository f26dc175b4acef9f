package org.icewarp.core.tls.destinations;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * The seed's "Secure Destinations": hosts to which mail goes only over TLS with a certificate that passes.
 *
 * <p>For a host, {@link #ruleFor(String)} finds the rule that applies:
 *
 * <ul>
 *   <li>No rule matches: TLS is optional and any certificate will do ({@link Decision.NotRequired}).
 *   <li>Several match: the most specific host pattern wins ({@link HostPattern#specificity()}: the exact host, then
 *       the wildcard with the most labels, then {@code *}), as the seed picks the best matching certificate. Only
 *       that rule is checked; a less specific one is never a fallback. A host pattern may appear only once.
 * </ul>
 *
 * <p>With a rule, TLS is mandatory ({@link #decideWithoutTls(String)} refuses), and {@link #decide(String, List,
 * PeerTrust)} checks the peer's certificate: a rule without subject, issuer and fingerprint requires the chain to
 * lead to a CA the given {@link PeerTrust} trusts (the CA store, perhaps with the JDK's CAs); a rule with any of them
 * requires all of those given to match the peer's certificate, and nothing more. Every outcome is a {@link Decision};
 * a bad certificate never throws.
 *
 * <p>Text form ({@link #parse(String)}), one rule per line, {@code #} comments:
 *
 * <pre>
 * # host pattern      conditions (none: the chain must lead to a trusted CA)
 * mail.example.com    fingerprint=3A:0F:...:9C
 * *.example.org       subject="CN=mx.example.org,O=Example" issuer="CN=Example CA,O=Example"
 * *
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SecureDestinations {
    private static final SecureDestinations NONE = new SecureDestinations(List.of());

    private final List<SecureDestination> rules;

    private SecureDestinations(List<SecureDestination> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Returns the policy without rules: TLS is never required.
     *
     * @return the empty policy; never null
     */
    public static SecureDestinations none() {
        return NONE;
    }

    /**
     * Returns a policy of these rules.
     *
     * @param rules the rules, in order; must not be null
     * @return the policy; never null
     * @throws IllegalArgumentException if a host pattern appears twice
     */
    public static SecureDestinations of(List<SecureDestination> rules) {
        Set<HostPattern> seen = new HashSet<>();
        for (SecureDestination r : rules) {
            if (!seen.add(Objects.requireNonNull(r, "rules").host())) {
                throw new IllegalArgumentException("host pattern '" + r.host() + "' has more than one rule");
            }
        }
        return new SecureDestinations(rules);
    }

    /**
     * Parses the text form, one rule per line.
     *
     * @param text the rules; must not be null
     * @return the policy; never null
     * @throws DestinationSyntaxException naming the line of the first problem
     */
    public static SecureDestinations parse(String text) {
        return new SecureDestinations(RuleParser.parse(text.lines().toList(), "line"));
    }

    /**
     * Parses rules given as a list of entries in the text form, for example a list in the configuration file.
     *
     * @param entries one rule each; must not be null
     * @return the policy; never null
     * @throws DestinationSyntaxException naming the entry (counted from 1) of the first problem
     */
    public static SecureDestinations parseEntries(List<String> entries) {
        return new SecureDestinations(RuleParser.parse(entries, "entry"));
    }

    /**
     * Returns the rules in their order.
     *
     * @return the rules; never null
     */
    public List<SecureDestination> rules() {
        return rules;
    }

    /**
     * Finds the rule for a host: the most specific matching pattern, the earlier on a tie.
     *
     * @param host the host name or IP address connected to; must not be null
     * @return the rule, or empty if TLS is optional for the host
     */
    public Optional<SecureDestination> ruleFor(String host) {
        Objects.requireNonNull(host, "host");
        SecureDestination best = null;
        for (SecureDestination r : rules) {
            if (r.host().matches(host)
                    && (best == null || r.host().specificity() > best.host().specificity())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Returns whether mail to a host may go only over TLS.
     *
     * @param host the host; must not be null
     * @return whether a rule matches it
     */
    public boolean requiresTls(String host) {
        return ruleFor(host).isPresent();
    }

    /**
     * Decides for a connection that is not encrypted (the peer offered no TLS, or the handshake failed).
     *
     * @param host the host; must not be null
     * @return {@link Decision.NotRequired}, or {@link Decision.Refused} when a rule requires TLS; never null
     */
    public Decision decideWithoutTls(String host) {
        Optional<SecureDestination> rule = ruleFor(host);
        if (rule.isEmpty()) {
            return new Decision.NotRequired(host);
        }
        return new Decision.Refused(host, rule.get(), "TLS is required, and the connection is not encrypted");
    }

    /**
     * Decides for a TLS connection whose peer presented a chain.
     *
     * @param host the host; must not be null
     * @param peerChain the peer's certificate first, then the rest it sent; may be empty; must not be null
     * @param trust the CAs a rule without conditions requires; must not be null
     * @return the decision; never null
     */
    public Decision decide(String host, List<X509Certificate> peerChain, PeerTrust trust) {
        Objects.requireNonNull(peerChain, "peerChain");
        Objects.requireNonNull(trust, "trust");
        Optional<SecureDestination> found = ruleFor(host);
        if (found.isEmpty()) {
            return new Decision.NotRequired(host);
        }
        SecureDestination rule = found.get();
        if (peerChain.isEmpty()) {
            return new Decision.Refused(host, rule, "the peer presented no certificate");
        }
        X509Certificate peer = peerChain.get(0);
        if (rule.requiresTrustedCa()) {
            Optional<String> problem = trust.problem(List.copyOf(peerChain));
            return problem.isEmpty()
                    ? new Decision.Allowed(host, rule, "chain verified to a trusted CA")
                    : new Decision.Refused(
                            host,
                            rule,
                            "certificate " + name(peer.getSubjectX500Principal()) + " is not from a trusted CA: "
                                    + problem.get());
        }
        List<String> matched = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        rule.subject().ifPresent(s -> compare("subject", peer.getSubjectX500Principal(), s, matched, failed));
        rule.issuer().ifPresent(i -> compare("issuer", peer.getIssuerX500Principal(), i, matched, failed));
        rule.fingerprint().ifPresent(f -> {
            String what = f.algorithm().jcaName() + " fingerprint";
            if (f.matches(peer)) {
                matched.add(what);
            } else {
                failed.add(what + " " + Fingerprint.of(peer, f.algorithm()) + " is not the required " + f);
            }
        });
        return failed.isEmpty()
                ? new Decision.Allowed(host, rule, String.join(", ", matched) + " match")
                : new Decision.Refused(host, rule, String.join("; ", failed));
    }

    private static void compare(
            String what, X500Principal actual, X500Principal required, List<String> matched, List<String> failed) {
        if (actual.equals(required)) {
            matched.add(what);
        } else {
            failed.add(what + " " + name(actual) + " is not the required " + name(required));
        }
    }

    private static String name(X500Principal p) {
        String n = p.getName(X500Principal.RFC2253);
        return n.isEmpty() ? "(empty name)" : "'" + n + "'";
    }

    /**
     * Returns the rules in the text form, one per line; {@link #parse(String)} reads it back to an equal policy.
     *
     * @return the text; never null
     */
    public String toText() {
        return rules.stream().map(r -> r + "\n").collect(Collectors.joining());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecureDestinations d && rules.equals(d.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "SecureDestinations" + rules;
    }
}
