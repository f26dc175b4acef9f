package org.icewarp.core.auth;

import java.util.Optional;
import org.icewarp.storage.Account;

/**
 * A user's backend found through {@link java.util.ServiceLoader} (registered in this module's test resources): it
 * accepts the single password {@value #PASSWORD} for any known account and declines everything else, so that it
 * changes nothing for other tests.
 */
public final class LoadedBackend implements AuthBackend {
    static final String PASSWORD = "accepted-by-the-service-loaded-backend";

    /** For {@link java.util.ServiceLoader}. */
    public LoadedBackend() {}

    @Override
    public Verdict check(AuthRequest request, Optional<Account> account) {
        if (account.isPresent()
                && request.evidence() instanceof Evidence.Password p
                && p.value().equals(PASSWORD)) {
            return new Verdict.Accept(account.get(), false);
        }
        return Verdict.decline();
    }
}
