package org.icewarp.core.auth;

import java.util.Objects;
import java.util.Optional;
import org.icewarp.storage.Account;
import org.icewarp.storage.Credential;

/**
 * The credential records of one account as a mechanism needs them: SCRAM keys, the reversible secret (when the server
 * stores one), the directory login string. Obtained from {@link CredentialService#stored(Account)}; never contains
 * the password hash. Immutable and thread-safe.
 */
public final class StoredCredentials {
    private final Account account;
    private final ReversibleCipher cipher; // null when no key is configured

    StoredCredentials(Account account, ReversibleCipher cipher) {
        this.account = Objects.requireNonNull(account, "account");
        this.cipher = cipher;
    }

    /** The account these records belong to. */
    public Account account() {
        return account;
    }

    /**
     * The SCRAM keys stored for a mechanism.
     *
     * @param mechanism {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256} (any case)
     * @return the keys, or empty when none are stored or the record is damaged
     */
    public Optional<ScramKeys> scram(String mechanism) {
        String scheme = ScramKeys.scheme(mechanism);
        String name = scheme.equals("scram-sha-1") ? Scram.SHA_1 : Scram.SHA_256;
        return record(scheme).flatMap(v -> ScramKeys.parse(name, v));
    }

    /**
     * The password in clear, decrypted from the reversible record, for mechanisms that need it (CRAM-MD5, DIGEST-MD5,
     * NTLM). Empty unless the server stores reversible secrets ({@link PasswordSettings#storeReversible()}) and the
     * record decrypts under the configured key. Callers must not log or keep it.
     */
    public Optional<String> reversibleSecret() {
        if (cipher == null) {
            return Optional.empty();
        }
        return record(ReversibleCipher.SCHEME)
                .flatMap(v -> cipher.decrypt(v, account.address().toString()));
    }

    /**
     * The login string a directory-owned account binds with (the seed's {@code u_authmodevalue}: UPN, sAMAccountName
     * or DN), from the credential record of scheme {@link CredentialService#DIRECTORY_LOGIN}.
     */
    public Optional<String> directoryLogin() {
        return record(CredentialService.DIRECTORY_LOGIN);
    }

    private Optional<String> record(String scheme) {
        for (Credential c : account.credentials()) {
            if (c.scheme().equals(scheme)) {
                return Optional.of(c.value());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "StoredCredentials[" + account.address() + "]";
    }
}
