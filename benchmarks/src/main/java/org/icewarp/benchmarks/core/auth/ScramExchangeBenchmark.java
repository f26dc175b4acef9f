package org.icewarp.benchmarks.core.auth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.CredentialService;
import org.icewarp.core.auth.PasswordSettings;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Domain;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One full SCRAM-SHA-256 exchange (client-first, server-first, client-final, server-final, empty ack) through
 * {@link SaslMechanisms} and {@link Authenticator#saslBackend}: the stored-key lookup in the in-memory store, the proof
 * check, and the {@code authenticate} call that applies the login policy and the log. The server stores SCRAM keys at
 * the default 4096 iterations, so a login costs the server HMACs only, no PBKDF2; the client side is kept cheap too
 * (its salted password is computed once in the set-up, as RFC 5802 section 5.1 lets clients cache it), so the time is
 * the server's. Everything runs on the calling thread (direct executors).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ScramExchangeBenchmark -f 1 -wi 1 -i 3 -w 1s -r 2s</pre>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScramExchangeBenchmark extends BenchmarkBase {
    private static final String MECHANISM = "SCRAM-SHA-256";

    private Authenticator authenticator;
    private SaslMechanisms mechanisms;
    private SaslContext context;
    private byte[] clientKey;
    private byte[] storedKey;

    /** One account with a password set through the credential service at the default parameters. */
    @Setup
    public void setUp() throws Exception {
        CredentialService credentials = CredentialService.create(PasswordSettings.defaults());
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
        mechanisms = SaslMechanisms.load(ScramExchangeBenchmark.class.getClassLoader());
        context = new SaslContext(
                "imap",
                "mail.example.com",
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 50_000),
                true,
                authenticator.saslSettings(SaslSettings.defaults()),
                authenticator.saslBackend("imap", "1"),
                Runnable::run);
        // the client's cached keys: salt and iterations from one server-first message
        SaslExchange probe = mechanisms.newExchange(MECHANISM, context).orElseThrow();
        String serverFirst = text(join(probe.start(utf8("n,,n=user@example.com,r=probe"))));
        probe.cancel();
        byte[] salt = Base64.getDecoder().decode(attribute(serverFirst, "s"));
        int iterations = Integer.parseInt(attribute(serverFirst, "i"));
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = f.generateSecret(new PBEKeySpec("correct horse".toCharArray(), salt, iterations, 256))
                .getEncoded();
        clientKey = hmac(salted, utf8("Client Key"));
        storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
    }

    /** Releases the authenticator. */
    @TearDown
    public void tearDown() {
        authenticator.close();
    }

    /** A successful login; the last step is the {@code Success}. */
    @Benchmark
    public SaslStep rightPassword() throws Exception {
        SaslExchange exchange = mechanisms.newExchange(MECHANISM, context).orElseThrow();
        String clientFirstBare = "n=user@example.com,r=fyko+d2lbbFgONRv9qkxdawL";
        String serverFirst = text(join(exchange.start(utf8("n,," + clientFirstBare))));
        String withoutProof = "c=biws,r=" + attribute(serverFirst, "r");
        byte[] signature = hmac(storedKey, utf8(clientFirstBare + "," + serverFirst + "," + withoutProof));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        join(exchange.respond(utf8(clientFinal)));
        SaslStep done = join(exchange.respond(new byte[0]));
        if (!(done instanceof SaslStep.Success)) {
            throw new IllegalStateException("SCRAM login failed: " + done);
        }
        return done;
    }

    private static SaslStep join(CompletionStage<SaslStep> stage) {
        return stage.toCompletableFuture().join();
    }

    private static String text(SaslStep step) {
        if (!(step instanceof SaslStep.Challenge c)) {
            throw new IllegalStateException("expected a challenge, got " + step);
        }
        return new String(c.data(), StandardCharsets.UTF_8);
    }

    private static String attribute(String message, String name) {
        for (String a : message.split(",")) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + "= in " + message);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
