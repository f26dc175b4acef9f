package org.icewarp.core.auth.sasl.internal;

import java.security.PrivilegedExceptionAction;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GSSAPI exchange: the JDK's server runs as the keytab's subject on {@link SaslContext#worker()} (accepting a
 * context reads keys and decrypts, and the JDK's API is synchronous); the principal is resolved to an account through
 * the backend afterwards, asynchronously.
 */
final class GssapiExchange extends AbstractExchange {
    private static final Logger LOG = LoggerFactory.getLogger(GssapiExchange.class);
    private final KerberosLogin login;
    private volatile Subject subject;
    private volatile SaslServer server;
    private volatile String principal;
    private volatile String requestedAuthzid = "";

    GssapiExchange(SaslContext context, KerberosLogin login) {
        super(context, "GSSAPI");
        this.login = login;
    }

    @Override
    CompletionStage<SaslStep> first(byte[] initialResponse) {
        SaslSettings.Gssapi settings = context.settings()
                .gssapi()
                .orElseThrow(() -> new IllegalStateException("GSSAPI exchange without Kerberos settings"));
        String service = settings.serviceName().isEmpty() ? context.protocol() : settings.serviceName();
        return login.subject(settings, context.worker())
                .thenApplyAsync(
                        s -> {
                            subject = s;
                            server = as(() -> Sasl.createSaslServer(
                                    "GSSAPI", service, context.serverName(), Map.of(Sasl.QOP, "auth"), this::handle));
                            return s;
                        },
                        context.worker())
                .thenCompose(s -> initialResponse == null ? challenge(new byte[0]) : next(initialResponse));
    }

    @Override
    CompletionStage<SaslStep> next(byte[] response) {
        if (response.length == 0) {
            return fail(Reason.MALFORMED, "GSSAPI expects a token");
        }
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                byte[] out = as(() -> server.evaluateResponse(response));
                                return Optional.of(out == null ? new byte[0] : out);
                            } catch (IllegalStateException e) {
                                if (e.getCause() instanceof SaslException refused) {
                                    // GSS messages name principals and key types, never key material.
                                    LOG.debug(
                                            "GSSAPI token from {} refused: {}", context.remote(), refused.getMessage());
                                    return Optional.<byte[]>empty();
                                }
                                throw e;
                            }
                        },
                        context.worker())
                .thenCompose(out -> {
                    if (out.isEmpty()) {
                        return fail(Reason.WRONG_CREDENTIALS, "Kerberos token refused");
                    }
                    if (!server.isComplete()) {
                        return challenge(out.get());
                    }
                    String p = principal;
                    attemptedUser(p);
                    return context.backend()
                            .resolvePrincipal(p, attempt())
                            .thenCompose(account -> account.isPresent()
                                    ? succeed(requestedAuthzid, account.get())
                                    : fail(Reason.WRONG_CREDENTIALS, "Kerberos principal has no account"));
                });
    }

    @SuppressWarnings("removal") // Subject.doAs: Subject.callAs exists only from Java 18; the build targets 17.
    private <T> T as(PrivilegedExceptionAction<T> action) {
        try {
            return Subject.doAs(subject, action);
        } catch (java.security.PrivilegedActionException e) {
            throw new IllegalStateException("GSSAPI step failed", e.getException());
        }
    }

    private void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback cb : callbacks) {
            if (cb instanceof AuthorizeCallback a) {
                principal = a.getAuthenticationID();
                String requested = a.getAuthorizationID();
                requestedAuthzid = requested == null || requested.equals(principal) ? "" : requested;
                a.setAuthorized(true);
                a.setAuthorizedID(requested == null ? principal : requested);
            } else {
                throw new UnsupportedCallbackException(cb);
            }
        }
    }

    @Override
    void cleanUp() {
        SaslServer sv = server;
        if (sv != null) {
            try {
                sv.dispose();
            } catch (SaslException e) {
                // dispose only releases the JDK's GSS context.
            }
        }
    }
}
