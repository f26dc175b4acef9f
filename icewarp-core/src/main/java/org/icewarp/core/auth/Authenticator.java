package org.icewarp.core.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.icewarp.core.access.AddressSet;
import org.icewarp.core.auth.sasl.SaslBackend;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.TokenVerifier;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.storage.AccountStore;

/**
 * Decides login attempts for every protocol. Given the service, the client's address, the TLS state, the login and
 * the evidence, it answers an {@link AuthResult}: success with the account, failure, or temporary failure (a backend
 * is down).
 *
 * <p>What it does for each attempt, in this order: checks the mechanism against the {@link AuthPolicy} (plain text
 * disabled or without TLS → failure, before any password is looked at); resolves the login to an account; refuses
 * blocked accounts and IPs exactly like a wrong password (same answer, same cost); asks the chain of {@link
 * AuthBackend}s; counts failures per account and per IP (the login policy), clears an account's count on success;
 * writes upgraded credential records back; writes the authentication log ({@code icewarp.log.auth}).
 *
 * <p>Threading: {@link #authenticate} never blocks the caller. Lookup, hashing and directory binds run on a bounded
 * executor (its own, sized by {@link AuthSettings#threads()} and {@link AuthSettings#queue()}, unless one is given);
 * the stage completes on that executor, so a protocol continues on its event loop with
 * {@code thenAcceptAsync(..., channel.eventLoop())}. A full queue answers a temporary failure.
 */
public interface Authenticator extends AutoCloseable {

    /**
     * Decides an attempt.
     *
     * @param request the attempt
     * @return the outcome; never completes exceptionally (failures of the store or a backend become {@link
     *     AuthResult.TemporaryFailure})
     */
    CompletionStage<AuthResult> authenticate(AuthRequest request);

    /**
     * The stored records of the account a login resolves to, for mechanisms that need them before the client proves
     * anything (SCRAM sends the salt and iteration count first). Runs on the authenticator's executor like {@link
     * #authenticate}; the attempt itself still goes through {@link #authenticate} with an {@link Evidence.Check}, so
     * that the login policy and the log see it.
     *
     * @param login the login as the client typed it
     * @return the records, or empty when the login resolves to no account, to a disabled one, or to a
     *     directory-owned one (which has no such records); a mechanism then continues with {@link
     *     CredentialService#decoyScramKeys} so that the exchange does not tell whether the user exists. Completes
     *     exceptionally only when the store fails.
     */
    CompletionStage<java.util.Optional<StoredCredentials>> storedCredentials(String login);

    /** The credential service the authenticator verifies with (for decoy keys, and to set passwords). */
    CredentialService credentials();

    /** The policy this authenticator enforces (protocols ask it what to advertise). */
    AuthPolicy policy();

    /** The authentication log, whose level may be changed while the server runs. */
    ActivityLog log();

    /**
     * The SASL settings given to {@link Builder#sasl} ({@link SaslSettings#defaults()} when none): the GSSAPI realm
     * map and the bearer-token settings this authenticator uses.
     */
    SaslSettings configuredSasl();

    /** The token verifier bearer tokens ({@link Evidence.Token}) go to; empty when every token is refused. */
    Optional<TokenVerifier> tokenVerifier();

    /**
     * Administrative unblock of an account: forgets its failed logins and ends its block at once. The login is
     * resolved like a login attempt's (full address, alias, or bare name in the primary domain), so any of the
     * account's names works; a login that is no account clears the count kept for that text. Looks the account up in
     * the store on the calling thread (an administrative call, not for an event loop). Writes a login policy line.
     *
     * @param login the account's address or login name
     * @return whether anything was counted or blocked
     */
    boolean unblock(String login);

    /**
     * Administrative unblock of a client address: forgets its failed logins and ends its block at once. Writes a
     * login policy line.
     *
     * @param ip the address
     * @return whether anything was counted or blocked
     */
    boolean unblock(InetAddress ip);

    /**
     * The {@link SaslBackend} through which SASL exchanges ({@link org.icewarp.core.auth.sasl.SaslMechanisms}) log in
     * with this authenticator. Every SASL attempt, whatever the mechanism, becomes one {@link #authenticate} call: the
     * same policy check, login policy and authentication log line ({@code Method=} from {@link Mechanism#named}) as
     * any other login. Cheap; a protocol makes one per session (or per AUTH command).
     *
     * @param service the service instance name, as in {@link AuthRequest#service()}
     * @param session the session identifier the log writes, as in {@link AuthRequest#session()}
     */
    default SaslBackend saslBackend(String service, String session) {
        return new SaslGlue(this, service, session);
    }

    /**
     * The SASL settings this authenticator agrees with: {@code configured} with the plain-text rules taken from
     * {@link #policy()} (disable-plain; plain text needs TLS unless plain-without-tls) and reversible passwords on
     * exactly when {@link #credentials()} stores reversible records. {@link AuthPolicy} is the one source of these
     * rules; the values {@code configured} has for them are ignored, so the advertised list never offers a mechanism
     * the authenticator would refuse.
     *
     * @param configured enabled mechanisms, message size, GSSAPI
     */
    default SaslSettings saslSettings(SaslSettings configured) {
        Objects.requireNonNull(configured, "configured");
        AuthSettings s = policy().settings();
        return new SaslSettings(
                configured.enabled(),
                s.disablePlain(),
                !s.plainWithoutTls(),
                credentials().settings().storeReversible(),
                configured.maxMessageSize(),
                configured.gssapi(),
                configured.oauth());
    }

    /**
     * {@link #saslSettings(SaslSettings)} of the settings given to the builder ({@link #configuredSasl()}).
     *
     * @return the settings the mechanisms should be offered with
     */
    default SaslSettings saslSettings() {
        return saslSettings(configuredSasl());
    }

    /** Stops the authenticator's own executor (not one that was given); attempts in flight finish. */
    @Override
    void close();

    /**
     * A builder of the stock authenticator over an account store.
     *
     * @param accounts where logins are looked up and upgraded records written
     */
    static Builder builder(AccountStore accounts) {
        return new Builder(accounts);
    }

    /** Builds the stock {@link Authenticator}; options are validated at once. */
    final class Builder {
        final AccountStore accounts;
        AuthSettings settings = AuthSettings.defaults();
        CredentialService credentials;
        DirectoryBindSettings directory;
        final List<AuthBackend> backends = new ArrayList<>();
        final List<TokenVerifier> verifiers = new ArrayList<>();
        SaslSettings sasl = SaslSettings.defaults();
        AddressSet trusted = AddressSet.empty();
        boolean serviceLoader = true;
        Clock clock = Clock.systemDefaultZone();
        Executor executor;

        private Builder(AccountStore accounts) {
            this.accounts = Objects.requireNonNull(accounts, "accounts");
        }

        /** The policy; default {@link AuthSettings#defaults()}. */
        public Builder settings(AuthSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How passwords are checked and stored; default {@link PasswordSettings#defaults()}. */
        public Builder credentials(CredentialService credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Enables the directory bind for directory-owned accounts; default off (they then fail temporarily). */
        public Builder directory(DirectoryBindSettings directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Adds a backend of the user's, asked before the stock ones, in the order added. */
        public Builder backend(AuthBackend backend) {
            backends.add(Objects.requireNonNull(backend, "backend"));
            return this;
        }

        /**
         * The SASL settings: the GSSAPI realm map ({@link SaslSettings.Gssapi#realms()}) and the bearer-token settings
         * ({@link SaslSettings#oauth()}) are used here; default {@link SaslSettings#defaults()} (no token verifier).
         */
        public Builder sasl(SaslSettings sasl) {
            this.sasl = Objects.requireNonNull(sasl, "sasl");
            return this;
        }

        /**
         * Registers a token verifier of the user's, a candidate for {@link SaslSettings.OAuth#verifier()} like those
         * found through {@link java.util.ServiceLoader} (registered ones are looked at first). When no verifier id is
         * configured, the first registered one is used.
         */
        public Builder tokenVerifier(TokenVerifier verifier) {
            verifiers.add(Objects.requireNonNull(verifier, "verifier"));
            return this;
        }

        /**
         * The trusted addresses ({@code system.trusted-ips}): their failures are not counted per IP and they are never
         * blocked as an IP (an account is still counted and blocked); default none.
         */
        public Builder trusted(AddressSet trusted) {
            this.trusted = Objects.requireNonNull(trusted, "trusted");
            return this;
        }

        /**
         * Whether backends and token verifiers found through {@link java.util.ServiceLoader} are added too; default
         * true.
         */
        public Builder serviceLoader(boolean on) {
            this.serviceLoader = on;
            return this;
        }

        /** The clock for the login policy and the log; default the system clock in the default zone. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A bounded executor to run attempts on (for example the kernel's blocking executor); default one of the
         * authenticator's own, named {@code icewarp-auth-<n>}. It must reject work rather than queue without bound.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Builds.
         *
         * @throws IllegalArgumentException when the configured token verifier id matches no verifier, or the stock JWT
         *     verifier's key file cannot be used (the message names the {@code oauth.*} key)
         */
        public Authenticator build() {
            return new DefaultAuthenticator(this);
        }
    }
}
