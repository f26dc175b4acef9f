package org.icewarp.core.auth.sasl.internal;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.security.auth.Subject;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.icewarp.core.auth.sasl.SaslSettings;

/**
 * Logs the server in as a Kerberos acceptor from its keytab, through a JAAS {@link Configuration} built here (so no
 * {@code jaas.conf} and no {@code java.security.auth.login.config} property are needed). One login per distinct
 * setting is kept; the JDK re-reads the keytab file when it changes, so a rotated key needs no restart. A failed login
 * is not kept, the next exchange tries again.
 */
final class KerberosLogin {
    private static final String LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private final Map<SaslSettings.Gssapi, CompletableFuture<Subject>> subjects = new ConcurrentHashMap<>();

    /** Returns the acceptor's subject, logging in on {@code worker} the first time. */
    CompletableFuture<Subject> subject(SaslSettings.Gssapi settings, Executor worker) {
        CompletableFuture<Subject> login =
                subjects.computeIfAbsent(settings, s -> CompletableFuture.supplyAsync(() -> login(s), worker));
        login.whenComplete((subject, e) -> {
            if (e != null) {
                subjects.remove(settings, login);
            }
        });
        return login;
    }

    private static Subject login(SaslSettings.Gssapi settings) {
        // An acceptor's login does not read the keytab, so a missing file would only show later as every client's
        // token being refused; say what is wrong instead.
        if (!Files.isReadable(settings.keytab())) {
            throw new IllegalStateException("Kerberos keytab " + settings.keytab() + " is missing or unreadable");
        }
        Map<String, String> options = Map.of(
                "useKeyTab", "true",
                "keyTab", settings.keytab().toAbsolutePath().toString(),
                "principal", settings.principal(),
                "storeKey", "true",
                "isInitiator", "false",
                "doNotPrompt", "true",
                "useTicketCache", "false");
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {
                    new AppConfigurationEntry(
                            LOGIN_MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)
                };
            }
        };
        try {
            LoginContext context = new LoginContext(
                    "icewarp-gssapi",
                    new Subject(),
                    callbacks -> {
                        throw new UnsupportedCallbackException(callbacks[0], "keytab login asks nothing");
                    },
                    config);
            context.login();
            return context.getSubject();
        } catch (LoginException e) {
            throw new IllegalStateException(
                    "Kerberos login as " + settings.principal() + " from keytab " + settings.keytab() + " failed", e);
        }
    }
}
