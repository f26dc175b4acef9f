package org.icewarp.protocols.pop3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.Evidence;
import org.icewarp.core.auth.Mechanism;

/**
 * APOP (RFC 1939 section 7): {@code APOP name digest}, the digest being MD5 of the greeting's timestamp followed by the
 * password, in lower-case hex. Offered (timestamp in the greeting) only when reversible secrets are stored; the check
 * runs inside the authenticator as an {@link Evidence.Check} against the account's reversible record, so the login
 * policy and the authentication log see it like any other login, and an account without such a record fails like a
 * wrong password.
 */
final class ApopVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        String timestamp = session.apopTimestamp();
        if (timestamp == null) {
            session.reply(session.replies().reply(Pop3Replies.Key.APOP_UNAVAILABLE));
            return;
        }
        String digest = args.get(1).toLowerCase(Locale.ROOT);
        if (!digest.matches("[0-9a-f]{32}")) {
            session.reply(session.replies().reply(Pop3Replies.Key.SYNTAX, "APOP name digest"));
            return;
        }
        byte[] expected = HexFormat.of().parseHex(digest);
        Pop3Server server = session.server();
        Evidence evidence = new Evidence.Check(
                "APOP digest",
                stored -> stored.reversibleSecret()
                        .map(password -> MessageDigest.isEqual(md5(timestamp + password), expected))
                        .orElse(false));
        AuthRequest request = new AuthRequest(
                server.context.name(),
                session.remote().getAddress(),
                session.id(),
                session.tls(),
                args.get(0),
                Mechanism.APOP,
                evidence);
        Login.authenticate(session, request);
    }

    static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from this JDK", e);
        }
    }
}
