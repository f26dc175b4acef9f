package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's {@code imaplib} as a second real client, when python3 is installed. */
class ImapPythonClientTest {
    private static final String SCRIPT = """
            import imaplib, ssl, sys
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
            m.starttls(ssl_context=ctx)
            m.login('john@example.com', 'secret-john')
            assert m.create('Py')[0] == 'OK'
            typ, data = m.append('Py', '(\\\\Seen)', None, b'Subject: py\\r\\n\\r\\nfrom python\\r\\n')
            assert typ == 'OK', data
            typ, data = m.select('Py')
            assert data == [b'1'], data
            typ, data = m.fetch('1', '(FLAGS BODY.PEEK[TEXT])')
            assert data[0][1] == b'from python\\r\\n', data
            typ, data = m.uid('STORE', '1', '+FLAGS', '(\\\\Deleted)')
            assert typ == 'OK', data
            typ, data = m.expunge()
            assert data == [b'1'], data
            typ, data = m.list()
            print(b' '.join(data).decode())
            m.logout()
            print('done')
            """;

    private static boolean python() {
        try {
            Process p = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void imaplibAppendsFetchesFlagsAndExpungesOverStarttls(@TempDir Path dir) throws Exception {
        assumeTrue(python(), "python3 is not installed");
        Path script = dir.resolve("client.py");
        Files.writeString(script, SCRIPT);
        try (ImapFixture fixture = new ImapFixture()) {
            Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(fixture.port()))
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("\"/\" \"Py\"").contains("done");
        }
    }
}
