package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight sessions append, flag and expunge on one mailbox while two others IDLE; every session's view, rebuilt from the
 * EXISTS and EXPUNGE responses it was sent, stays consistent and ends equal to the mailbox.
 */
class ImapConcurrencyTest {
    private static final String MESSAGE = "Subject: load\r\n\r\nbody\r\n";

    /** A session's idea of the message count, kept from its untagged responses. */
    private static final class View {
        int count;

        void apply(List<String> untagged) {
            for (String line : untagged) {
                String[] w = line.split(" ");
                if (w.length >= 3 && w[2].equals("EXISTS")) {
                    int n = Integer.parseInt(w[1]);
                    assertThat(n).as("EXISTS never shrinks the view: %s", line).isGreaterThanOrEqualTo(count);
                    count = n;
                } else if (w.length >= 3 && w[2].equals("EXPUNGE")) {
                    int seq = Integer.parseInt(w[1]);
                    assertThat(seq)
                            .as("EXPUNGE of a message the session knows: %s", line)
                            .isBetween(1, count);
                    count--;
                } else if (w.length >= 3 && w[2].equals("FETCH")) {
                    assertThat(Integer.parseInt(w[1])).as(line).isBetween(1, count);
                }
            }
        }
    }

    @Test
    void eightWritersAndTwoIdlersKeepConsistentViews() throws Exception {
        try (ImapFixture fixture = new ImapFixture()) {
            List<ImapTestClient> idlers = new ArrayList<>();
            List<View> idleViews = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ImapTestClient c = fixture.john();
                View v = new View();
                v.apply(c.command("s SELECT INBOX").expectOk().untagged());
                c.raw("i IDLE\r\n");
                assertThat(c.line()).startsWith("+ ");
                idlers.add(c);
                idleViews.add(v);
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<View>> writers = new ArrayList<>();
            List<ImapTestClient> clients = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                ImapTestClient c = fixture.john();
                clients.add(c);
                writers.add(pool.submit(() -> {
                    View v = new View();
                    v.apply(c.command("s SELECT INBOX").expectOk().untagged());
                    for (int round = 0; round < 12; round++) {
                        v.apply(c.command("a APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE)
                                .expectOk()
                                .untagged());
                        v.apply(c.command("n NOOP").expectOk().untagged());
                        if (v.count > 0) {
                            v.apply(c.command("f STORE 1 +FLAGS (\\Deleted)")
                                    .expectOk()
                                    .untagged());
                            v.apply(c.command("x FETCH 1:* (FLAGS)").expectOk().untagged());
                        }
                        if (round % 3 == 2) {
                            v.apply(c.command("e EXPUNGE").expectOk().untagged());
                        }
                    }
                    v.apply(c.command("z NOOP").expectOk().untagged());
                    return v;
                }));
            }
            List<View> views = new ArrayList<>();
            for (Future<View> f : writers) {
                views.add(f.get(120, TimeUnit.SECONDS));
            }
            pool.shutdown();
            long messages = fixture.server
                    .mailboxes()
                    .status(
                            org.icewarp.storage.EmailAddress.parse("john@example.com"),
                            org.icewarp.storage.FolderName.INBOX)
                    .messages();
            for (int i = 0; i < clients.size(); i++) {
                View v = views.get(i);
                v.apply(clients.get(i).command("y NOOP").expectOk().untagged());
                assertThat(v.count).as("writer %d", i).isEqualTo(messages);
                clients.get(i).close();
            }
            for (int i = 0; i < idlers.size(); i++) {
                ImapTestClient c = idlers.get(i);
                c.raw("DONE\r\n");
                View v = idleViews.get(i);
                v.apply(c.response("i").untagged());
                v.apply(c.command("y NOOP").expectOk().untagged());
                assertThat(v.count).as("idler %d", i).isEqualTo(messages);
                c.close();
            }
        }
    }
}
