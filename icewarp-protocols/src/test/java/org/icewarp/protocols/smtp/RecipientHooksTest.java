package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.icewarp.protocols.smtp.RecipientHooks.HookDecision;
import org.icewarp.protocols.smtp.RecipientVerdict.Accept;
import org.icewarp.protocols.smtp.RecipientVerdict.Continue;
import org.icewarp.protocols.smtp.RecipientVerdict.Reject;
import org.icewarp.protocols.smtp.RecipientVerdict.RejectTemporarily;
import org.icewarp.protocols.smtp.RecipientVerdict.Rewrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RecipientHooksTest {
    private static final SmtpMailbox JOHN = new SmtpMailbox("john", "example.com", false);
    private static final SmtpMailbox ANNA = new SmtpMailbox("anna", "example.com", false);
    private static final SmtpMailbox FAR = new SmtpMailbox("far", "remote.net", false);
    private static final Predicate<SmtpMailbox> LOCAL = m -> m.domain().equals("example.com");
    private static final RecipientCheck CHECK = new RecipientCheck(
            "smtp", new InetSocketAddress("127.0.0.1", 40000), Optional.empty(), "sender@remote.net", JOHN, true);

    private final Logger logger = (Logger) LoggerFactory.getLogger(RecipientHooks.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    /** A hook that records what it saw and answers from a function. */
    private static final class Recording implements RecipientHook {
        final List<RecipientCheck> seen = new ArrayList<>();
        private final java.util.function.Function<RecipientCheck, RecipientVerdict> answer;

        Recording(java.util.function.Function<RecipientCheck, RecipientVerdict> answer) {
            this.answer = answer;
        }

        @Override
        public RecipientVerdict check(RecipientCheck check) {
            seen.add(check);
            return answer.apply(check);
        }
    }

    private static final class ThrowingHook implements RecipientHook {
        @Override
        public RecipientVerdict check(RecipientCheck check) {
            throw new IllegalStateException("the hook's own bug");
        }
    }

    /** Registered in the test resources' META-INF/services. */
    public static final class RegisteredHook implements RecipientHook {
        @Override
        public RecipientVerdict check(RecipientCheck check) {
            return check.recipient().localPart().equals("blocked")
                    ? new Reject(550, "5.7.1", "Blocked by policy")
                    : new Continue();
        }
    }

    @Test
    void noHookOrOnlyContinuesLeavesTheRecipientToTheNormalChecks() {
        assertThat(new RecipientHooks(List.of()).run(CHECK, LOCAL)).isEqualTo(new HookDecision(new Continue(), JOHN));
        Recording a = new Recording(c -> new Continue());
        Recording b = new Recording(c -> new Continue());
        assertThat(new RecipientHooks(List.of(a, b)).run(CHECK, LOCAL))
                .isEqualTo(new HookDecision(new Continue(), JOHN));
        assertThat(a.seen).containsExactly(CHECK);
        assertThat(b.seen).containsExactly(CHECK);
    }

    @Test
    void acceptEndsTheChain() {
        Recording later = new Recording(c -> new Reject(550, "5.1.1", "no"));
        HookDecision d = new RecipientHooks(List.of(new Recording(c -> new Accept()), later)).run(CHECK, LOCAL);
        assertThat(d).isEqualTo(new HookDecision(new Accept(), JOHN));
        assertThat(later.seen).isEmpty();
    }

    @Test
    void rejectionsEndTheChainWithTheHooksReply() {
        Recording later = new Recording(c -> new Accept());
        Reject reject = new Reject(550, "5.7.1", "Not for you");
        assertThat(new RecipientHooks(List.of(new Recording(c -> reject), later))
                        .run(CHECK, LOCAL)
                        .verdict())
                .isEqualTo(reject);
        RejectTemporarily later4 = new RejectTemporarily(450, "4.2.1", "Busy");
        assertThat(new RecipientHooks(List.of(new Recording(c -> new Continue()), new Recording(c -> later4), later))
                        .run(CHECK, LOCAL)
                        .verdict())
                .isEqualTo(later4);
        assertThat(later.seen).isEmpty();
    }

    @Test
    void rewriteRestartsTheChainForTheNewRecipientWithItsLocality() {
        Recording first = new Recording(c -> c.recipient().equals(JOHN) ? new Rewrite(FAR) : new Continue());
        Recording second = new Recording(c -> new Continue());
        HookDecision d = new RecipientHooks(List.of(first, second)).run(CHECK, LOCAL);

        assertThat(d).isEqualTo(new HookDecision(new Continue(), FAR));
        assertThat(first.seen).extracting(RecipientCheck::recipient).containsExactly(JOHN, FAR);
        assertThat(second.seen).containsExactly(CHECK.withRecipient(FAR, false));
    }

    @Test
    void aVerdictAfterARewriteKeepsTheRewrittenRecipient() {
        Recording rewrite = new Recording(c -> c.recipient().equals(JOHN) ? new Rewrite(ANNA) : new Continue());
        Recording accept = new Recording(c -> new Accept());
        assertThat(new RecipientHooks(List.of(rewrite, accept)).run(CHECK, LOCAL))
                .isEqualTo(new HookDecision(new Accept(), ANNA));
    }

    @Test
    void rewritesThatLoopEndInATemporaryRejectionAfterTheLimit() {
        Recording pingPong = new Recording(c -> new Rewrite(c.recipient().equals(JOHN) ? ANNA : JOHN));
        HookDecision d = new RecipientHooks(List.of(pingPong), 3).run(CHECK, LOCAL);

        assertThat(d.verdict()).isEqualTo(RecipientHooks.REWRITE_LOOP);
        assertThat(d.verdict()).isInstanceOfSatisfying(RejectTemporarily.class, r -> {
            assertThat(r.code()).isEqualTo(451);
            assertThat(r.enhancedStatus()).isEqualTo("4.4.6");
        });
        // three rewrites applied, the fourth refused
        assertThat(pingPong.seen).hasSize(4);
        assertThat(logged.list).anySatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    }

    @Test
    void zeroRewritesAllowedRefusesTheFirst() {
        Recording rewrite = new Recording(c -> new Rewrite(ANNA));
        assertThat(new RecipientHooks(List.of(rewrite), 0).run(CHECK, LOCAL).verdict())
                .isEqualTo(RecipientHooks.REWRITE_LOOP);
    }

    @Test
    void throwingHookBecomesA451AndAWarningNamingItsClass() {
        Recording later = new Recording(c -> new Accept());
        HookDecision d = new RecipientHooks(List.of(new ThrowingHook(), later)).run(CHECK, LOCAL);

        assertThat(d).isEqualTo(new HookDecision(RecipientHooks.HOOK_FAILED, JOHN));
        assertThat(d.verdict())
                .isEqualTo(new RejectTemporarily(451, "4.3.0", "Recipient check failed, try again later"));
        assertThat(later.seen).isEmpty();
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains(ThrowingHook.class.getName());
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("the hook's own bug");
        });
    }

    @Test
    void nullVerdictIsTreatedAsAFailingHook() {
        HookDecision d = new RecipientHooks(List.of(new Recording(c -> null))).run(CHECK, LOCAL);
        assertThat(d.verdict()).isEqualTo(RecipientHooks.HOOK_FAILED);
        assertThat(logged.list)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains(Recording.class.getName()));
    }

    @Test
    void hookThatBuildsAnInvalidVerdictIsGuardedToo() {
        HookDecision d =
                new RecipientHooks(List.of(new Recording(c -> new Reject(250, "2.0.0", "ok")))).run(CHECK, LOCAL);
        assertThat(d.verdict()).isEqualTo(RecipientHooks.HOOK_FAILED);
    }

    @Test
    void rejectionsValidateCodeStatusAndText() {
        assertThat(new Reject(554, "5.7.1", "Denied").code()).isEqualTo(554);
        assertThat(new RejectTemporarily(421, "4.7.0", "Later").code()).isEqualTo(421);
        assertThatThrownBy(() -> new Reject(450, "5.1.1", "x")).hasMessageContaining("code");
        assertThatThrownBy(() -> new Reject(560, "5.1.1", "x")).hasMessageContaining("code");
        assertThatThrownBy(() -> new Reject(550, "4.1.1", "x")).hasMessageContaining("enhancedStatus");
        assertThatThrownBy(() -> new Reject(550, "5.1", "x")).hasMessageContaining("enhancedStatus");
        assertThatThrownBy(() -> new Reject(550, "5.1.1000", "x")).hasMessageContaining("enhancedStatus");
        assertThatThrownBy(() -> new Reject(550, "5.1.1", "x\r\n250 ok")).hasMessageContaining("text");
        assertThatThrownBy(() -> new RejectTemporarily(550, "4.1.1", "x")).hasMessageContaining("code");
        assertThatThrownBy(() -> new RejectTemporarily(451, "5.1.1", "x")).hasMessageContaining("enhancedStatus");
        assertThatThrownBy(() -> new Rewrite(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new RecipientHooks(List.of(), -1)).hasMessageContaining("maxRewrites");
    }

    @Test
    void hooksAreFoundWithServiceLoader() {
        RecipientHooks loaded = RecipientHooks.load(getClass().getClassLoader());
        assertThat(loaded.isEmpty()).isFalse();
        SmtpMailbox blocked = new SmtpMailbox("blocked", "example.com", false);
        assertThat(loaded.run(CHECK.withRecipient(blocked, true), LOCAL).verdict())
                .isEqualTo(new Reject(550, "5.7.1", "Blocked by policy"));
        assertThat(loaded.run(CHECK, LOCAL).verdict()).isEqualTo(new Continue());
    }
}
