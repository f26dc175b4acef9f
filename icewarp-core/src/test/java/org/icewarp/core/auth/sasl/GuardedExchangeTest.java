package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.reason;
import static org.icewarp.core.auth.sasl.SaslHarness.success;
import static org.icewarp.core.auth.sasl.SaslHarness.utf8;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's mechanism that misbehaves cannot break the exchange contract the protocols rely on. */
class GuardedExchangeTest {
    private final SaslHarness harness = new SaslHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    /** A plug-in whose exchanges throw on start, fail their stage on respond, and throw on cancel. */
    private static final class Misbehaving implements SaslMechanism {
        private final boolean throwOnCreate;

        Misbehaving(boolean throwOnCreate) {
            this.throwOnCreate = throwOnCreate;
        }

        @Override
        public String name() {
            return "X-BROKEN";
        }

        @Override
        public boolean plaintextEquivalent() {
            return false;
        }

        @Override
        public boolean available(SaslSettings settings) {
            return true;
        }

        @Override
        public SaslExchange newExchange(SaslContext context) {
            if (throwOnCreate) {
                throw new IllegalArgumentException("plug-in bug");
            }
            return new SaslExchange() {
                @Override
                public CompletionStage<SaslStep> start() {
                    throw new UnsupportedOperationException("plug-in bug");
                }

                @Override
                public CompletionStage<SaslStep> start(byte[] initialResponse) {
                    return CompletableFuture.completedFuture(new SaslStep.Challenge(new byte[0]));
                }

                @Override
                public CompletionStage<SaslStep> respond(byte[] response) {
                    return CompletableFuture.failedFuture(new IllegalStateException("plug-in bug"));
                }

                @Override
                public SaslStep.Failure cancel() {
                    throw new ArithmeticException("plug-in bug");
                }

                @Override
                public String mechanism() {
                    return "X-BROKEN";
                }
            };
        }
    }

    @Test
    void throwsAndFailedStagesOfAPlugInBecomeTemporaryFailures() {
        SaslMechanisms mechanisms = SaslMechanisms.of(List.of(new Misbehaving(false)));
        SaslContext context = harness.context(SaslSettings.defaults(), true);
        assertThat(reason(await(mechanisms
                        .newExchange("x-broken", context)
                        .orElseThrow()
                        .start())))
                .isEqualTo(Reason.TEMPORARY);
        SaslExchange exchange = mechanisms.newExchange("X-BROKEN", context).orElseThrow();
        await(exchange.start(new byte[0]));
        assertThat(reason(await(exchange.respond(utf8("x"))))).isEqualTo(Reason.TEMPORARY);
        assertThat(exchange.cancel().reason()).isEqualTo(Reason.CANCELLED);
    }

    @Test
    void aPlugInThatCannotCreateAnExchangeFailsTemporarily() {
        SaslMechanisms mechanisms = SaslMechanisms.of(List.of(new Misbehaving(true)));
        SaslExchange exchange = mechanisms
                .newExchange("X-BROKEN", harness.context(SaslSettings.defaults(), true))
                .orElseThrow();
        assertThat(reason(await(exchange.start(utf8("x"))))).isEqualTo(Reason.TEMPORARY);
    }

    @Test
    void stockMechanismsWorkThroughTheGuardAndUnusableOnesAreNotStarted() {
        SaslContext plainText =
                harness.context(SaslSettings.builder().disablePlain(true).build(), true);
        assertThat(harness.mechanisms.newExchange("PLAIN", plainText)).isEmpty();
        SaslContext context = harness.context(SaslSettings.defaults(), false);
        success(await(
                harness.mechanisms.newExchange("plain", context).orElseThrow().start(utf8("\0john\0secret"))));
    }
}
