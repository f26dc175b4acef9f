package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.icewarp.core.config.StoreChoice;
import org.junit.jupiter.api.Test;

/** After a 4xx nothing is stored: a failing append answers 451 and removes the copies already made. */
class SmtpStorageFailureTest {

    @Test
    void aStoreFailureOnTheSecondCopyAnswers451AndLeavesNoCopy() throws Exception {
        try (SmtpFixture f = new SmtpFixture(
                        Map.of(), b -> b.mailboxes(StoreChoice.of("failing", Map.of("fail-append", "2"))));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@remote.example>").expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("RCPT TO:<jane@example.com>").expect(250);
            c.command("DATA").expect(354);
            SmtpTestClient.Reply r = c.command("Subject: x\r\n\r\nbody\r\n.");
            assertThat(r.code() + " " + r.text()).startsWith("451 4.3.0");
            assertThat(f.inbox("john@example.com")).isEmpty();
            assertThat(f.inbox("jane@example.com")).isEmpty();
            assertThat(f.smtp.stats().counters()).containsEntry("rejected.storage", 1L);
            // the client retries in the same session and succeeds (the third append works)
            c.command("MAIL FROM:<a@remote.example>").expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("DATA").expect(354);
            c.command("Subject: x\r\n\r\nbody\r\n.").expect(250);
            assertThat(f.inbox("john@example.com")).hasSize(1);
        }
    }
}
