package org.icewarp.core.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Credential;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.NotFoundException;

/**
 * Writes and checks the password records of accounts. Setting a password writes, as separate {@link Credential}
 * records:
 *
 * <table>
 *   <caption>Records</caption>
 *   <tr><th>scheme</th><th>value</th><th>when</th></tr>
 *   <tr><td>{@value #PASSWORD}</td><td>the salted slow hash, PHC string ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}
 *       or {@code $pbkdf2-sha256$i=..$salt$hash})</td><td>always</td></tr>
 *   <tr><td>{@value #SCRAM_SHA_1}, {@value #SCRAM_SHA_256}</td><td>{@link ScramKeys} in RFC 5803 form</td><td>unless
 *       SCRAM iterations are 0</td></tr>
 *   <tr><td>{@value #REVERSIBLE}</td><td>the password under AES-GCM with the server key</td><td>only when
 *       {@link PasswordSettings#storeReversible()} is on: a risk, since key and store together reveal every
 *       password</td></tr>
 * </table>
 *
 * Records of other schemes (for example {@value #DIRECTORY_LOGIN}, written by directory sync) are kept.
 *
 * <p>Every method that hashes is slow by design (tens of milliseconds with the defaults): never call it on an event
 * loop. Thread-safe.
 */
public final class CredentialService {
    /** Scheme of the password hash record. */
    public static final String PASSWORD = "password";
    /** Scheme of the SCRAM-SHA-1 keys record. */
    public static final String SCRAM_SHA_1 = "scram-sha-1";
    /** Scheme of the SCRAM-SHA-256 keys record. */
    public static final String SCRAM_SHA_256 = "scram-sha-256";
    /** Scheme of the encrypted reversible secret record. */
    public static final String REVERSIBLE = ReversibleCipher.SCHEME;
    /** Scheme of the directory login string of a directory-owned account (the seed's {@code u_authmodevalue}). */
    public static final String DIRECTORY_LOGIN = "directory-login";

    private static final Set<String> OWN = Set.of(PASSWORD, SCRAM_SHA_1, SCRAM_SHA_256, REVERSIBLE);

    private final PasswordSettings settings;
    private final SecureRandom random;
    private final ReversibleCipher cipher;
    private final byte[] decoySecret = new byte[32];
    private volatile Account dummy; // made at first use: a server that never sees an unknown user never pays

    private CredentialService(PasswordSettings settings, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        byte[] key = settings.reversibleKey();
        this.cipher = key.length == 0 ? null : new ReversibleCipher(key, random);
        random.nextBytes(decoySecret);
    }

    /**
     * What an unknown user is checked against: an account whose password record has the current algorithm and
     * parameters, checked through the same code path as a real one (parse, derive, compare).
     */
    private Account dummy() {
        Account d = dummy;
        if (d == null) {
            byte[] pw = new byte[16];
            random.nextBytes(pw);
            String hash = PasswordHash.create(settings, java.util.HexFormat.of().formatHex(pw), salt())
                    .encode();
            d = Account.of("unknown@invalid.invalid").withCredentials(List.of(new Credential(PASSWORD, hash)));
            dummy = d; // a race makes two equivalent dummies; either will do
        }
        return d;
    }

    /** A service with these settings and a strong random source. */
    public static CredentialService create(PasswordSettings settings) {
        return new CredentialService(settings, new SecureRandom());
    }

    /** The settings. */
    public PasswordSettings settings() {
        return settings;
    }

    /**
     * The account with new password records (see the table above) replacing its old ones. Does not store it.
     *
     * @throws NullPointerException when an argument is null
     */
    public Account withPassword(Account account, String password) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
        List<Credential> records = new ArrayList<>();
        for (Credential c : account.credentials()) {
            if (!OWN.contains(c.scheme())) {
                records.add(c);
            }
        }
        records.add(new Credential(
                PASSWORD, PasswordHash.create(settings, password, salt()).encode()));
        if (settings.scramIterations() > 0) {
            for (String m : List.of(Scram.SHA_1, Scram.SHA_256)) {
                Scram.derive(m, password, salt(), settings.scramIterations())
                        .ifPresent(k -> records.add(new Credential(ScramKeys.scheme(m), k.encode())));
            }
        }
        if (settings.storeReversible()) {
            records.add(new Credential(
                    REVERSIBLE, cipher.encrypt(password, account.address().toString())));
        }
        return account.withCredentials(records);
    }

    /**
     * Sets an account's password in a store: all records written in one update.
     *
     * @throws NotFoundException when there is no such account
     * @throws org.icewarp.storage.StorageUnavailableException when the store fails
     */
    public void setPassword(AccountStore store, EmailAddress address, String password) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(address, "address");
        Account account = store.findAccount(address).orElseThrow(() -> new NotFoundException("no account " + address));
        store.updateAccount(withPassword(account, password));
    }

    /**
     * Checks a password against an account's hash, in time that does not depend on whether the account has one.
     *
     * @return whether it matches, and when it does and the records are outdated (other algorithm or parameters,
     *     missing SCRAM keys, reversible record not as configured) the account with fresh records to write back
     */
    public Verification verify(Account account, String password) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
        Optional<PasswordHash> hash = check(account, password);
        if (hash.isEmpty()) {
            return new Verification(false, Optional.empty());
        }
        return new Verification(
                true,
                isOutdated(account, hash.get()) ? Optional.of(withPassword(account, password)) : Optional.empty());
    }

    /**
     * Spends the time of one verification without an account (against a dummy hash with the current parameters), so
     * that an unknown user costs what a wrong password costs. Always false.
     */
    public boolean verifyUnknown(String password) {
        Objects.requireNonNull(password, "password");
        check(dummy(), password);
        return false;
    }

    /**
     * Made-up SCRAM keys for a login that has none (unknown user, directory-owned account): the salt is derived from
     * the login and a secret of this service, so asking twice gives the same salt, and the iteration count is the
     * configured one, as RFC 5802 §9 advises; no password matches the keys. Cheap: no hashing.
     *
     * @param mechanism {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}
     * @param login the login as the client typed it
     */
    public ScramKeys decoyScramKeys(String mechanism, String login) {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(login, "login");
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(decoySecret, "HmacSHA256"));
            byte[] h = mac.doFinal((mechanism + "\0" + login.toLowerCase(java.util.Locale.ROOT))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] salt = java.util.Arrays.copyOf(h, PasswordHash.SALT_BYTES);
            int len = ScramKeys.scheme(mechanism).equals(SCRAM_SHA_1) ? 20 : 32;
            byte[] unusable = new byte[len];
            random.nextBytes(unusable);
            int iterations = settings.scramIterations() > 0 ? settings.scramIterations() : 4096;
            return new ScramKeys(mechanism, salt, iterations, unusable, unusable);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from this JDK", e);
        }
    }

    /** The account's records as mechanisms read them. */
    public StoredCredentials stored(Account account) {
        return new StoredCredentials(account, cipher);
    }

    /** The account's hash when the password matches it; a missing or damaged record costs a dummy verification. */
    private Optional<PasswordHash> check(Account account, String password) {
        Optional<PasswordHash> hash = account.credentials().stream()
                .filter(c -> c.scheme().equals(PASSWORD))
                .findFirst()
                .flatMap(c -> PasswordHash.parse(c.value()));
        if (hash.isEmpty()) {
            if (account != dummy) {
                verifyUnknown(password);
            }
            return Optional.empty();
        }
        return hash.get().matches(password) ? hash : Optional.empty();
    }

    private boolean isOutdated(Account account, PasswordHash hash) {
        if (hash.isOutdated(settings)) {
            return true;
        }
        StoredCredentials stored = stored(account);
        for (String m : List.of(Scram.SHA_1, Scram.SHA_256)) {
            Optional<ScramKeys> k = stored.scram(m);
            boolean want = settings.scramIterations() > 0;
            if (want != k.isPresent() || (want && k.get().iterations() != settings.scramIterations())) {
                return true;
            }
        }
        Optional<String> rev = account.credentials().stream()
                .filter(c -> c.scheme().equals(REVERSIBLE))
                .map(Credential::value)
                .findFirst();
        if (settings.storeReversible()) {
            return rev.isEmpty() || !cipher.isCurrent(rev.get());
        }
        return rev.isPresent();
    }

    private byte[] salt() {
        byte[] s = new byte[PasswordHash.SALT_BYTES];
        random.nextBytes(s);
        return s;
    }

    /** Parameters of the current settings' hash, for diagnostics. */
    Map<String, Integer> currentParameters() {
        return PasswordHash.paramsFor(settings);
    }

    /**
     * The answer of {@link #verify}.
     *
     * @param matches whether the password is right
     * @param upgraded the account with fresh records to store, when it matched and its records were outdated
     */
    public record Verification(boolean matches, Optional<Account> upgraded) {
        /** Validates. */
        public Verification {
            Objects.requireNonNull(upgraded, "upgraded");
        }
    }
}
