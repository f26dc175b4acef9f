package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;

/**
 * Drives exchanges in tests: builds contexts on a small worker pool and waits for each stage (bounded, never a sleep).
 */
public final class SaslHarness implements AutoCloseable {
    public static final String HOST = "mail.example.com";

    public final TestBackend backend = new TestBackend()
            .user("john@example.com", "secret")
            .user("jane@example.com", "pässwörd")
            .user(TestBackend.ADMIN, "root");
    public final ExecutorService worker = Executors.newFixedThreadPool(2);
    public final SaslMechanisms mechanisms = SaslMechanisms.load(SaslHarness.class.getClassLoader());

    public SaslContext context(SaslSettings settings, boolean tls) {
        return new SaslContext(
                "imap",
                HOST,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000),
                tls,
                settings,
                backend,
                worker);
    }

    /** Every mechanism enabled, reversible passwords on. */
    public static SaslSettings allEnabled() {
        SaslSettings.Builder b = SaslSettings.builder().reversiblePasswords(true);
        for (String m : new String[] {"CRAM-MD5", "DIGEST-MD5", "NTLM", "OAUTHBEARER", "XOAUTH2"}) {
            b.enable(m);
        }
        return b.build();
    }

    public SaslExchange exchange(String mechanism) {
        return exchange(mechanism, allEnabled(), true);
    }

    public SaslExchange exchange(String mechanism, SaslSettings settings, boolean tls) {
        return mechanisms
                .find(mechanism, settings, tls)
                .orElseThrow(() -> new AssertionError(mechanism + " not usable"))
                .newExchange(context(settings, tls));
    }

    public static SaslStep await(CompletionStage<SaslStep> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage did not complete normally", e);
        }
    }

    public static byte[] challengeOf(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return ((SaslStep.Challenge) step).data();
    }

    public static SaslStep.Success success(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Success.class);
        return (SaslStep.Success) step;
    }

    public static Reason reason(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
        return ((SaslStep.Failure) step).reason();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
