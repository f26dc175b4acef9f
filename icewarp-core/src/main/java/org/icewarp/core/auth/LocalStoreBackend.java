package org.icewarp.core.auth;

import java.util.Optional;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;

/**
 * The local account store as a chain link. Takes accounts no directory owns, and unknown logins, for which it spends
 * a dummy verification so that they cost what a wrong password costs. A disabled account is checked like any other
 * and then rejected, for the same reason.
 */
final class LocalStoreBackend implements AuthBackend {
    private final CredentialService credentials;

    LocalStoreBackend(CredentialService credentials) {
        this.credentials = credentials;
    }

    @Override
    public Verdict check(AuthRequest request, Optional<Account> found) {
        if (found.isPresent() && found.get().directory().owned()) {
            return Verdict.decline();
        }
        if (found.isEmpty()) {
            if (request.evidence() instanceof Evidence.Password p) {
                credentials.verifyUnknown(p.value());
            }
            return new Verdict.Reject();
        }
        Account account = found.get();
        if (request.evidence() instanceof Evidence.Password p) {
            CredentialService.Verification v = credentials.verify(account, p.value());
            if (!v.matches() || account.state() != AccountState.ENABLED) {
                return new Verdict.Reject();
            }
            return v.upgraded()
                    .<Verdict>map(a -> new Verdict.Accept(a, true))
                    .orElseGet(() -> new Verdict.Accept(account, false));
        }
        if (!(request.evidence() instanceof Evidence.Check c)) {
            // tokens and vouched identities are decided by the authenticator itself, never by a chain link
            return new Verdict.Reject();
        }
        boolean ok = c.check().verify(credentials.stored(account));
        return ok && account.state() == AccountState.ENABLED
                ? new Verdict.Accept(account, false)
                : new Verdict.Reject();
    }

    @Override
    public String toString() {
        return "local store";
    }
}
