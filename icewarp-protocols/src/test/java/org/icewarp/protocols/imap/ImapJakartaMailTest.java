package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real client: Jakarta Mail's (Angus) IMAP store over STARTTLS. */
class ImapJakartaMailTest {
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Store connect() throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.starttls.enable", "true");
        p.put("mail.imap.starttls.required", "true");
        p.put("mail.imap.ssl.trust", "*");
        p.put("mail.imap.ssl.checkserveridentity", "false");
        p.put("mail.imap.connectiontimeout", "5000");
        p.put("mail.imap.timeout", "10000");
        Session session = Session.getInstance(p);
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", fixture.port(), "john@example.com", "secret-john");
        return store;
    }

    @Test
    void multipartContentIsReadPartByPart() throws Exception {
        Store store = connect();
        try {
            Session session = Session.getInstance(new Properties());
            MimeMessage m = new MimeMessage(session);
            m.setSubject("Parts");
            jakarta.mail.internet.MimeMultipart mp = new jakarta.mail.internet.MimeMultipart();
            jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
            text.setText("first part");
            jakarta.mail.internet.MimeBodyPart file = new jakarta.mail.internet.MimeBodyPart();
            file.setContent("a,b\r\n1,2\r\n", "text/csv");
            file.setFileName("data.csv");
            mp.addBodyPart(text);
            mp.addBodyPart(file);
            m.setContent(mp);
            m.saveChanges();
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new Message[] {m});
            inbox.open(Folder.READ_ONLY);
            jakarta.mail.Multipart read =
                    (jakarta.mail.Multipart) inbox.getMessage(1).getContent();
            assertThat(read.getCount()).isEqualTo(2);
            assertThat(read.getBodyPart(0).getContent()).isEqualTo("first part");
            assertThat(read.getBodyPart(1).getFileName()).isEqualTo("data.csv");
            assertThat(read.getBodyPart(1).getContentType()).startsWith("text/csv");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void listAppendOpenFetchFlagExpungeCopyAndMove() throws Exception {
        Store store = connect();
        try {
            Folder archive = store.getFolder("Archive");
            assertThat(archive.create(Folder.HOLDS_MESSAGES)).isTrue();
            assertThat(Arrays.stream(store.getDefaultFolder().list()).map(Folder::getFullName))
                    .containsExactlyInAnyOrder("INBOX", "Archive");

            Session session = Session.getInstance(new Properties());
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("a@example.org"));
            m.setSubject("Jakarta");
            m.setText("Hello from Jakarta Mail\r\n");
            m.saveChanges();
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new Message[] {m, m});

            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message first = inbox.getMessage(1);
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            first.writeTo(content);
            assertThat(content.toString()).contains("Subject: Jakarta").contains("Hello from Jakarta Mail");
            // ENVELOPE, RFC822.SIZE, BODYSTRUCTURE and BODY[TEXT]
            assertThat(first.getSubject()).isEqualTo("Jakarta");
            assertThat(first.getFrom()[0].toString()).isEqualTo("a@example.org");
            assertThat(first.getSize()).isEqualTo(content.size());
            assertThat(first.getContent()).isEqualTo("Hello from Jakarta Mail\r\n");

            first.setFlag(Flags.Flag.FLAGGED, true);
            assertThat(((IMAPFolder) inbox).getUID(first)).isEqualTo(1);
            inbox.copyMessages(new Message[] {first}, archive);
            ((IMAPFolder) inbox).moveMessages(new Message[] {inbox.getMessage(2)}, archive);
            first.setFlag(Flags.Flag.DELETED, true);
            // Jakarta reports the message MOVE expunged here too, so only the reopened count says what is left
            inbox.expunge();
            inbox.close(false);
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
            inbox.close(false);

            archive.open(Folder.READ_ONLY);
            assertThat(archive.getMessageCount()).isEqualTo(2);
            assertThat(archive.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
            archive.close(false);
        } finally {
            store.close();
        }
    }
}
