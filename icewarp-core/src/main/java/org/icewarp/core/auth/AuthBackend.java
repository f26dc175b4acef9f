package org.icewarp.core.auth;

import java.util.Objects;
import java.util.Optional;
import org.icewarp.storage.Account;

/**
 * One link of an {@link Authenticator}'s chain: decides a login attempt or passes it on. The stock links are the
 * local account store ({@link #localStore}) and the directory bind ({@link #directoryBind}); a user's own are found
 * through {@link java.util.ServiceLoader} (a public no-argument constructor and a {@code META-INF/services} entry)
 * or registered on {@link Authenticator.Builder#backend}.
 *
 * <p>Call order: the authenticator looks the login up in the account store first, then asks each backend in order
 * (users' own, then directory, then local store) until one answers something other than {@link Verdict.Decline}.
 * Which applies follows the account: the directory bind takes directory-owned accounts, the local store the others
 * and unknown logins.
 *
 * <p>Threading: {@link #check} runs on the authenticator's bounded executor, never on an event loop, and may block
 * (network, hashing). It must be thread-safe. A {@link RuntimeException} it throws becomes a temporary failure and a
 * warning; it must never log the evidence.
 */
public interface AuthBackend {

    /**
     * Decides an attempt.
     *
     * @param request the attempt
     * @param account the account the login resolved to, or empty when none did (a backend that does not know the
     *     user declines; the local store then spends a dummy verification's time)
     */
    Verdict check(AuthRequest request, Optional<Account> account);

    /** The local account store: verifies the password hash or the mechanism's check; takes non-directory accounts. */
    static AuthBackend localStore(CredentialService credentials) {
        return new LocalStoreBackend(credentials);
    }

    /** LDAP simple bind for directory-owned accounts, one server per directory source id. */
    static AuthBackend directoryBind(DirectoryBindSettings settings) {
        return new DirectoryBindBackend(settings);
    }

    /** What a backend answers. */
    sealed interface Verdict permits Verdict.Accept, Verdict.Reject, Verdict.Unavailable, Verdict.Decline {
        /** The first to answer decides; a backend that does not handle this account declines. */
        static Verdict decline() {
            return Decline.INSTANCE;
        }

        /**
         * Proven.
         *
         * @param account the account, with fresh credential records when {@code upgraded}
         * @param upgraded whether the account's records changed and must be written back
         */
        record Accept(Account account, boolean upgraded) implements Verdict {
            /** Validates. */
            public Accept {
                Objects.requireNonNull(account, "account");
            }
        }

        /** Not proven. */
        record Reject() implements Verdict {}

        /**
         * Cannot decide now (a server is down).
         *
         * @param detail what failed, for the log
         */
        record Unavailable(String detail) implements Verdict {
            /** Validates. */
            public Unavailable {
                Objects.requireNonNull(detail, "detail");
            }
        }

        /** Not this backend's account: ask the next one. */
        final class Decline implements Verdict {
            static final Decline INSTANCE = new Decline();

            private Decline() {}

            @Override
            public String toString() {
                return "Decline";
            }
        }
    }
}
