package org.icewarp.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.UidSet;
import org.junit.jupiter.api.Test;

/** The maildrop: deletions only in UPDATE, the fixed message list, stable UIDLs and the one-session lock. */
class Pop3MaildropTest {

    private static Pop3Fixture fixture() {
        return Pop3ConversationTest.clearFixture(Map.of());
    }

    @Test
    void deleAndQuitRemovesTheMarkedMessagesFromTheStore() throws Exception {
        try (Pop3Fixture f = fixture()) {
            long keep = f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("keep"));
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("remove"));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                c.expectOk(c.command("DELE 2"));
                // nothing changes in the store before QUIT
                assertThat(f.inbox(Pop3Fixture.JOHN)).hasSize(2);
                assertThat(c.command("QUIT")).endsWith("(1 messages deleted)");
            }
            assertThat(f.inbox(Pop3Fixture.JOHN)).extracting(m -> m.uid()).containsExactly(keep);
        }
    }

    @Test
    void aDroppedConnectionDeletesNothing() throws Exception {
        try (Pop3Fixture f = fixture()) {
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("one"));
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("two"));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                c.expectOk(c.command("DELE 1"));
                c.expectOk(c.command("DELE 2"));
            }
            // the lock is released when the server sees the close; then a new session sees both messages
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Pop3TestClient c = f.connect()) {
                    assertThat(c.login(Pop3Fixture.JOHN, "secret-john")).contains("2 messages");
                }
            });
            assertThat(f.inbox(Pop3Fixture.JOHN)).hasSize(2);
            assertThat(f.inbox(Pop3Fixture.JOHN)).allMatch(m -> !m.flags().has(Flag.DELETED));
        }
    }

    @Test
    void quitExpungesOnlyWhatPop3MarkedNotWhatImapFlagged() throws Exception {
        try (Pop3Fixture f = fixture()) {
            long flagged = f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("flagged elsewhere"));
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("marked"));
            EmailAddress john = EmailAddress.parse(Pop3Fixture.JOHN);
            f.server
                    .mailboxes()
                    .updateFlags(
                            john,
                            FolderName.INBOX,
                            UidSet.of(flagged),
                            new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                c.expectOk(c.command("DELE 2"));
                c.expectOk(c.command("QUIT"));
            }
            assertThat(f.inbox(Pop3Fixture.JOHN)).extracting(m -> m.uid()).containsExactly(flagged);
        }
    }

    @Test
    void theMessageListIsFixedAtLogin() throws Exception {
        try (Pop3Fixture f = fixture()) {
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("before"));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("after"));
                assertThat(c.command("STAT")).startsWith("+OK 1 ");
                assertThat(c.multiLine("LIST")).hasSize(1);
                assertThat(c.command("RETR 2")).isEqualTo("-ERR No such message");
            }
        }
    }

    @Test
    void aMessageExpungedElsewhereAnswersAnErrorAndTheSessionGoesOn() throws Exception {
        try (Pop3Fixture f = fixture()) {
            long uid = f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("gone"));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                EmailAddress john = EmailAddress.parse(Pop3Fixture.JOHN);
                f.server
                        .mailboxes()
                        .updateFlags(
                                john,
                                FolderName.INBOX,
                                UidSet.of(uid),
                                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
                f.server.mailboxes().expunge(john, FolderName.INBOX, UidSet.of(uid));
                assertThat(c.command("RETR 1")).isEqualTo("-ERR No such message");
                assertThat(c.command("NOOP")).isEqualTo("+OK OK");
            }
        }
    }

    @Test
    void uidlIsUidValidityDotUidAndStableAcrossSessions() throws Exception {
        try (Pop3Fixture f = fixture()) {
            long a = f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("a"));
            long b = f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("b"));
            long validity = f.uidValidity(Pop3Fixture.JOHN);
            List<String> first;
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                first = c.multiLine("UIDL");
                c.expectOk(c.command("DELE 1"));
                c.expectOk(c.command("QUIT"));
            }
            assertThat(first).containsExactly("1 " + validity + "." + a, "2 " + validity + "." + b);
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                // message numbers shift, unique-ids do not
                assertThat(c.multiLine("UIDL")).containsExactly("1 " + validity + "." + b);
                assertThat(c.command("UIDL 1")).isEqualTo("+OK 1 " + validity + "." + b);
            }
        }
    }

    @Test
    void aSecondSessionOnTheSameMaildropGetsInUse() throws Exception {
        try (Pop3Fixture f = fixture();
                Pop3TestClient first = f.connect();
                Pop3TestClient second = f.connect();
                Pop3TestClient other = f.connect()) {
            first.expectOk(first.login(Pop3Fixture.JOHN, "secret-john"));
            assertThat(second.login(Pop3Fixture.JOHN, "secret-john")).startsWith("-ERR [IN-USE]");
            // another account is not affected
            other.expectOk(other.login(Pop3Fixture.JANE, "secret-jane"));
            assertThat(first.command("QUIT")).contains("signing off");
            // the session that was refused may try again once the lock is free
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(second.login(Pop3Fixture.JOHN, "secret-john"))
                            .startsWith("+OK Logged in"));
            assertThat(f.counters().get("in-use")).isGreaterThanOrEqualTo(1L);
        }
    }

    @Test
    void loginDelayRefusesASecondLoginTooSoon() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of("login-delay", "1h"))) {
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.command("CAPA"));
                assertThat(c.body()).contains("LOGIN-DELAY 3600");
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                c.expectOk(c.command("QUIT"));
            }
            try (Pop3TestClient c = f.connect()) {
                assertThat(c.login(Pop3Fixture.JOHN, "secret-john")).startsWith("-ERR [LOGIN-DELAY]");
                c.expectOk(c.login(Pop3Fixture.JANE, "secret-jane"));
            }
        }
    }
}
