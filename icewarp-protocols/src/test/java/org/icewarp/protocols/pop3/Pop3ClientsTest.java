package org.icewarp.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;

/** Real clients: Jakarta Mail's (Angus) POP3 store, and python's poplib when python3 is on the machine. */
class Pop3ClientsTest {

    @Test
    void angusPop3StoreListsReadsAndDeletesOverStls() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Map.of())) {
            long first = f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("first", "hello", ".dotted"));
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("second", "world"));
            Properties p = new Properties();
            p.put("mail.pop3.host", "127.0.0.1");
            p.put("mail.pop3.port", Integer.toString(f.port()));
            p.put("mail.pop3.starttls.enable", "true");
            p.put("mail.pop3.starttls.required", "true");
            p.put("mail.pop3.ssl.trust", "*");
            p.put("mail.pop3.connectiontimeout", "5000");
            p.put("mail.pop3.timeout", "10000");
            Store store = Session.getInstance(p).getStore("pop3");
            store.connect(Pop3Fixture.JOHN, "secret-john");
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message m = inbox.getMessage(1);
            assertThat(m.getSubject()).isEqualTo("first");
            assertThat(((String) m.getContent()).replace("\r\n", "\n")).isEqualTo("hello\n.dotted\n");
            assertThat(inbox.getUID(m)).isEqualTo(f.uidValidity(Pop3Fixture.JOHN) + "." + first);
            assertThat(inbox.getMessage(2).getSubject()).isEqualTo("second");
            m.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            inbox.close(true);
            store.close();
            assertThat(f.inbox(Pop3Fixture.JOHN)).hasSize(1);
        }
    }

    @Test
    void pythonPoplibRetrievesOverStls() throws Exception {
        assumeTrue(hasPython(), "python3 is not on this machine");
        try (Pop3Fixture f = new Pop3Fixture(Map.of())) {
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("from python", "..two dots", "body"));
            String script = String.join(
                    "\n",
                    "import poplib, ssl, sys",
                    "p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=10)",
                    "ctx = ssl.create_default_context()",
                    "ctx.check_hostname = False",
                    "ctx.verify_mode = ssl.CERT_NONE",
                    "p.stls(ctx)",
                    "p.user('john@example.com')",
                    "p.pass_('secret-john')",
                    "print('STAT', p.stat()[0])",
                    "resp, lines, octets = p.retr(1)",
                    "for l in lines: print('LINE', l.decode())",
                    "print('UIDL', p.uidl(1).decode())",
                    "p.dele(1)",
                    "print('QUIT', p.quit().decode())",
                    "");
            Process proc = new ProcessBuilder("python3", "-c", script, Integer.toString(f.port()))
                    .redirectErrorStream(true)
                    .start();
            assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.exitValue()).as(out).isZero();
            assertThat(out)
                    .contains("STAT 1", "LINE Subject: from python", "LINE ..two dots", "LINE body", "UIDL +OK 1 ")
                    .contains("QUIT +OK")
                    .doesNotContain("LINE ...");
            assertThat(f.inbox(Pop3Fixture.JOHN)).isEmpty();
        }
    }

    private static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import poplib, ssl")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
