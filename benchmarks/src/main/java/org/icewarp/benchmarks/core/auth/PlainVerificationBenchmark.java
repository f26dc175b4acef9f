package org.icewarp.benchmarks.core.auth;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.AuthResult;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.CredentialService;
import org.icewarp.core.auth.Mechanism;
import org.icewarp.core.auth.PasswordAlgorithm;
import org.icewarp.core.auth.PasswordSettings;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Domain;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One PLAIN login through the whole {@link Authenticator} (policy, lookup in the in-memory store, login policy,
 * verification, log at summary) with each password algorithm at its <em>default</em> parameters: the cost every
 * IMAP/SMTP/POP3 login pays, and the cost an attacker pays per guess. The authenticator runs the attempt on the
 * calling thread here (a direct executor), so the time is the verification itself, not a hand-off.
 *
 * <p>Measured: a right password, a wrong password and an unknown user (which must cost the same as a wrong password).
 * There is no cached-session variant: the authenticator keeps no verified-password cache (see the README of
 * icewarp-core, "Authentication").
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PlainVerificationBenchmark -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlainVerificationBenchmark extends BenchmarkBase {

    /** The password algorithm, at its default parameters. */
    @Param({"argon2id", "pbkdf2-sha256"})
    public String algorithm;

    private Authenticator authenticator;
    private AuthRequest right;
    private AuthRequest wrong;
    private AuthRequest unknown;

    /** Creates one account with a password hashed at the default parameters. */
    @Setup
    public void setUp() throws Exception {
        PasswordSettings settings = PasswordSettings.builder()
                .algorithm(PasswordAlgorithm.parse(algorithm))
                .build();
        CredentialService credentials = CredentialService.create(settings);
        AccountStore store = new MemoryStorageProvider().openAccounts(StorageSettings.of(Options.EMPTY));
        store.createDomain(Domain.of("example.com"));
        store.createAccount(credentials.withPassword(Account.of("user@example.com"), "correct horse"));
        authenticator = Authenticator.builder(store)
                .settings(AuthSettings.builder()
                        .maxAccountFailures(0)
                        .maxIpFailures(0)
                        .logLevel(LogLevel.NONE)
                        .build())
                .credentials(credentials)
                .serviceLoader(false)
                .executor(Runnable::run)
                .build();
        InetAddress ip = InetAddress.getByName("192.0.2.1");
        right = AuthRequest.password("imap", ip, "1", true, "user@example.com", Mechanism.PLAIN, "correct horse");
        wrong = AuthRequest.password("imap", ip, "1", true, "user@example.com", Mechanism.PLAIN, "battery staple");
        unknown = AuthRequest.password("imap", ip, "1", true, "nobody@example.com", Mechanism.PLAIN, "x");
    }

    /** Releases the authenticator. */
    @TearDown
    public void tearDown() {
        authenticator.close();
    }

    /** A right password. */
    @Benchmark
    public AuthResult rightPassword() {
        return authenticator.authenticate(right).toCompletableFuture().join();
    }

    /** A wrong password for a known user. */
    @Benchmark
    public AuthResult wrongPassword() {
        return authenticator.authenticate(wrong).toCompletableFuture().join();
    }

    /** An unknown user (verified against the dummy hash). */
    @Benchmark
    public AuthResult unknownUser() {
        return authenticator.authenticate(unknown).toCompletableFuture().join();
    }
}
