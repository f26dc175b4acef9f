package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.junit.jupiter.api.Test;

/**
 * An unknown user costs what a wrong password for a known user costs, so that response time does not tell which
 * accounts exist. Medians of interleaved runs resist the noise of a loaded machine; a round that misses is repeated
 * (at most five), since one scheduler hiccup can shift a median on two shared cores.
 */
class TimingTest {
    private static final int WARMUP = 30;
    private static final int RUNS = 101;
    private static final int ROUNDS = 5;

    @Test
    void unknownUserAndWrongPasswordTakeTheSameTime() {
        // small, but large enough that the hash dominates the lookup (about a millisecond); more passes over less
        // memory keep the garbage, and so the collector's share of the noise, low
        PasswordSettings params = PasswordSettings.builder()
                .argon2MemoryKib(256)
                .argon2Iterations(8)
                .scramIterations(16)
                .build();
        CredentialService credentials = CredentialService.create(params);
        AccountStore store = Fixtures.store("t.com");
        store.createAccount(credentials.withPassword(Account.of("known@t.com"), "right"));
        try (Authenticator auth = Authenticator.builder(store)
                .settings(AuthSettings.builder()
                        .maxAccountFailures(0)
                        .maxIpFailures(0)
                        .logLevel(LogLevel.NONE)
                        .build())
                .credentials(credentials)
                .serviceLoader(false)
                .executor(Runnable::run)
                .build()) {
            double ratio = Double.NaN;
            String detail = "";
            for (int round = 0; round < ROUNDS; round++) {
                long[] unknown = new long[RUNS];
                long[] wrong = new long[RUNS];
                double[] paired = new double[RUNS];
                for (int i = -WARMUP; i < RUNS; i++) {
                    // alternate the order so that neither side always runs right after the other's garbage
                    long u;
                    long w;
                    if ((i & 1) == 0) {
                        u = time(auth, "nobody" + (i & 7) + "@t.com");
                        w = time(auth, "known@t.com");
                    } else {
                        w = time(auth, "known@t.com");
                        u = time(auth, "nobody" + (i & 7) + "@t.com");
                    }
                    if (i >= 0) {
                        unknown[i] = u;
                        wrong[i] = w;
                        paired[i] = (double) u / w;
                    }
                }
                // the median of ratios of neighbouring runs: load that drifts during a round cancels out
                Arrays.sort(paired);
                ratio = paired[RUNS / 2];
                detail = "round " + round + ": median unknown user " + median(unknown) + " ns, wrong password "
                        + median(wrong) + " ns, median paired ratio " + ratio;
                if (Math.abs(ratio - 1) <= 0.10) {
                    break;
                }
            }
            assertThat(ratio).as(detail).isBetween(0.90, 1.10);
        }
    }

    private static long time(Authenticator auth, String login) {
        long start = System.nanoTime();
        AuthResult r = auth.authenticate(Fixtures.plain("192.0.2.1", "1", login, "wrong"))
                .toCompletableFuture()
                .join();
        long t = System.nanoTime() - start;
        assertThat(r.succeeded()).isFalse();
        return t;
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
