package org.icewarp.core.auth.sasl.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.icewarp.core.auth.sasl.ReversibleSecret;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;

/**
 * Runs one of the JDK's password-based {@link SaslServer}s (CRAM-MD5, DIGEST-MD5, NTLM) without blocking.
 *
 * <p>The JDK asks for the password through a synchronous callback in the middle of {@code evaluateResponse}. Instead of
 * blocking there on the backend, the exchange first reads the user name out of the client's message itself
 * ({@link JdkMechanism#userIn}), fetches the secret asynchronously, and only then runs {@code evaluateResponse} on
 * {@link SaslContext#worker()}, where the callback answers from memory. The callback never waits for anything.
 *
 * <p>The JDK's authorization callback always allows; the authorization identity is then checked like for every other
 * mechanism, asynchronously, through {@code SaslBackend.mayActAs}.
 */
final class JdkExchange extends AbstractExchange {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdkMechanism mechanism;
    private volatile SaslServer server;
    private volatile ReversibleSecret secret;
    private volatile String requestedAuthzid = "";
    private volatile String fetchedFor;
    private volatile boolean awaitingAck;

    JdkExchange(SaslContext context, JdkMechanism mechanism) {
        super(context, mechanism.name());
        this.mechanism = mechanism;
    }

    @Override
    CompletionStage<SaslStep> first(byte[] initialResponse) {
        if (!mechanism.clientFirst() && initialResponse != null) {
            return fail(Reason.MALFORMED, mechanism.name() + " is server-first; no initial response allowed");
        }
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                server = Sasl.createSaslServer(
                                        mechanism.name(),
                                        context.protocol(),
                                        context.serverName(),
                                        mechanism.properties(context),
                                        this::handle);
                            } catch (SaslException e) {
                                throw new IllegalStateException("the JDK cannot create " + mechanism.name(), e);
                            }
                            if (server == null) {
                                throw new IllegalStateException("the JDK has no " + mechanism.name() + " server");
                            }
                            return null;
                        },
                        context.worker())
                .thenCompose(ignored -> {
                    if (initialResponse != null) {
                        return next(initialResponse);
                    }
                    return mechanism.clientFirst() ? challenge(new byte[0]) : evaluate(new byte[0]);
                });
    }

    @Override
    CompletionStage<SaslStep> next(byte[] response) {
        if (awaitingAck) {
            return response.length == 0
                    ? finish()
                    : fail(Reason.MALFORMED, mechanism.name() + " expects an empty response to the server's proof");
        }
        Optional<Optional<String>> user = mechanism.userIn(response);
        if (user.isEmpty()) {
            return fail(Reason.MALFORMED, mechanism.name() + " message does not parse");
        }
        if (user.get().isEmpty()) {
            return evaluate(response);
        }
        String name = user.get().get();
        attemptedUser(name);
        fetchedFor = name;
        return context.backend().reversibleSecret(name, attempt()).thenCompose(found -> {
            secret = found.orElse(null);
            return evaluate(response);
        });
    }

    private CompletionStage<SaslStep> evaluate(byte[] response) {
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                byte[] out = server.evaluateResponse(response);
                                return Optional.of(out == null ? new byte[0] : out);
                            } catch (SaslException e) {
                                return Optional.<byte[]>empty();
                            }
                        },
                        context.worker())
                .thenCompose(out -> {
                    if (out.isPresent() && !server.isComplete()) {
                        return challenge(out.get());
                    }
                    boolean matched = out.isPresent() && secret != null;
                    String user = fetchedFor;
                    if (user == null) {
                        // the JDK refused a message before any user name was read: nothing for the backend to count
                        return fail(Reason.WRONG_CREDENTIALS, "wrong user name or password");
                    }
                    String account = matched ? secret.account() : user;
                    return context.backend()
                            .concludeProof(user, account, matched, attempt())
                            .thenCompose(v -> Verifications.then(this, v, ok -> {
                                if (out.get().length > 0) {
                                    // DIGEST-MD5's rspauth: a last challenge, as SMTP and IMAP4rev1 carry no data
                                    // with success.
                                    awaitingAck = true;
                                    return challenge(out.get());
                                }
                                return finish();
                            }));
                });
    }

    private CompletionStage<SaslStep> finish() {
        return succeed(requestedAuthzid, secret.account());
    }

    /** The JDK's callbacks; they run inside {@code evaluateResponse} on the worker and never wait. */
    private void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        String name = null;
        for (Callback cb : callbacks) {
            if (cb instanceof NameCallback n) {
                name = n.getDefaultName();
                n.setName(name);
            } else if (cb instanceof RealmCallback r) {
                r.setText(r.getDefaultText() == null ? context.serverName() : r.getDefaultText());
            } else if (cb instanceof PasswordCallback p) {
                ReversibleSecret s = secret;
                if (s != null && name != null && name.equals(fetchedFor)) {
                    p.setPassword(s.password());
                } else {
                    // Unknown user: a random password makes the JDK fail the same way as a wrong one.
                    char[] random = new char[16];
                    for (int i = 0; i < random.length; i++) {
                        random[i] = (char) ('a' + RANDOM.nextInt(26));
                    }
                    p.setPassword(random);
                    secret = null;
                }
            } else if (cb instanceof AuthorizeCallback a) {
                String requested = a.getAuthorizationID();
                requestedAuthzid = requested == null || requested.equals(a.getAuthenticationID()) ? "" : requested;
                a.setAuthorized(true);
                a.setAuthorizedID(requested == null ? a.getAuthenticationID() : requested);
            } else {
                throw new UnsupportedCallbackException(cb);
            }
        }
    }

    @Override
    void cleanUp() {
        ReversibleSecret s = secret;
        if (s != null) {
            s.clear();
        }
        SaslServer sv = server;
        if (sv != null) {
            try {
                sv.dispose();
            } catch (SaslException e) {
                // Nothing to release that matters; dispose only clears the JDK's own state.
            }
        }
    }
}
