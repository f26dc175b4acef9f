package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.icewarp.storage.EmailAddress;
import org.junit.jupiter.api.Test;

/** QUOTA (RFC 9208) from the account's quota; APPEND over it is NO [OVERQUOTA]. */
class ImapQuotaTest {

    @Test
    void quotaRootReportsUsageAndLimitAndAppendOverItIsRefused() throws Exception {
        try (ImapFixture fixture = new ImapFixture()) {
            EmailAddress john = EmailAddress.parse("john@example.com");
            fixture.server
                    .accounts()
                    .updateAccount(fixture.server
                            .accounts()
                            .findAccount(john)
                            .orElseThrow()
                            .withQuota(10 * 1024));
            try (ImapTestClient c = fixture.john()) {
                assertThat(c.command("a CAPABILITY").untagged().get(0)).contains(" QUOTA ");
                String message = "Subject: q\r\n\r\n" + "z".repeat(3000);
                c.command("b APPEND INBOX {" + message.length() + "+}\r\n" + message)
                        .expectOk();
                assertThat(c.command("c GETQUOTAROOT INBOX").untagged())
                        .containsExactly("* QUOTAROOT \"INBOX\" \"\"", "* QUOTA \"\" (STORAGE 3 10)");
                assertThat(c.command("d GETQUOTA \"\"").untagged()).containsExactly("* QUOTA \"\" (STORAGE 3 10)");
                c.command("e GETQUOTA other").expect("NO \\[NONEXISTENT\\]");
                c.command("f SETQUOTA \"\" (STORAGE 100)").expect("NO");
                String big = "Subject: q\r\n\r\n" + "z".repeat(9000);
                c.command("g APPEND INBOX {" + big.length() + "+}\r\n" + big).expect("NO \\[OVERQUOTA\\]");
            }
        }
    }
}
