package org.icewarp.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names from clients never escape the mail path: hostile ones are rejected, odd but valid ones are encoded. */
class NamesStayInsideTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");

    @org.junit.jupiter.api.io.TempDir
    Path outer;

    private Path root;
    private MailboxStore store;

    @BeforeEach
    void open() {
        root = outer.resolve("mail");
        store = new FsStorageProvider()
                .openMailboxes(Fixtures.settings(root, "01", "layout", "alphabetical", "prefix-length", "6"));
        store.createMailbox(JOHN);
    }

    @AfterEach
    void close() {
        store.close();
        // nothing was written beside the mail path
        assertThat(Fixtures.files(outer)).allMatch(f -> f.startsWith("mail/"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                ".",
                "../x",
                "a/../../b",
                "/etc/passwd",
                "\\\\server\\share",
                "a\\b",
                "C:\\Windows",
                "C:x",
                "nul\0byte",
                "%2e%2e",
                "%2E%2E/x",
                "a%2fb",
                "a%5Cb",
                "&AC8-",
                "x&AC8-y",
                "&AFw-",
                "&AC4-&AC4-",
                "CON",
                "con",
                "aux.txt",
                "COM1.log",
                "LPT9",
                "CONIN$",
                "trailing.",
                "trailing ",
                " leading",
                "tab\tx",
                "del\u007fx",
                "lone\ud800surrogate"
            })
    void hostileNamesAreRejectedBeforeTheyReachTheDisk(String name) {
        assertThatThrownBy(() -> store.createFolder(JOHN, FolderName.of(name), Set.of()))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> store.createFolder(JOHN, FolderName.of("INBOX/" + name), Set.of()))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> store.createMailbox(EmailAddress.parse(name + "@example.com")))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> FsStorageProvider.prepareServiceTemp(Fixtures.settings(root, ""), name))
                .isInstanceOf(InvalidNameException.class);
        try (QueueStore queue = new FsStorageProvider().openQueue(Fixtures.settings(root, "01"))) {
            assertThatThrownBy(() -> queue.find(new QueueId(name))).isInstanceOf(InvalidNameException.class);
        }
    }

    @Test
    void veryLongAndVeryDeepNamesAreRejected() {
        assertThatThrownBy(() -> FolderName.of("x".repeat(201))).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> FolderName.of("a/".repeat(32) + "a")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> EmailAddress.parse("x".repeat(65) + "@example.com"))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> EmailAddress.parse("x@" + "a".repeat(64) + ".com"))
                .isInstanceOf(InvalidNameException.class);
    }

    @Test
    void aLocalPartStartingWithADotIsRejectedByTheLayout() {
        assertThatThrownBy(() -> store.createMailbox(EmailAddress.parse(".hidden@example.com")))
                .isInstanceOf(InvalidNameException.class);
    }

    @Test
    void oddButValidNamesAreEncodedAndStayInsideTheMailbox() {
        List<String> names = List.of(
                "a*b?c",
                "<x|y>",
                "\"quoted\"",
                "100%",
                "~",
                "...x",
                "-rf",
                "$HOME",
                "日本語",
                "長".repeat(200),
                "x".repeat(200),
                "a/b/c/d/e/f/g/h");
        for (String n : names) {
            store.createFolder(JOHN, FolderName.of(n), Set.of());
            store.append(JOHN, FolderName.of(n), Fixtures.text(n), AppendRequest.at(Fixtures.T0));
        }
        for (EmailAddress odd : List.of(
                EmailAddress.parse("a*b?<c>|\"d\"@example.com"),
                EmailAddress.parse("~user@example.com"),
                EmailAddress.parse("ö.ü@example.com"))) {
            store.createMailbox(odd);
            store.append(odd, FolderName.INBOX, Fixtures.text("hi"), AppendRequest.at(Fixtures.T0));
        }
        Path mailbox = root.resolve("example.com/jo/hn/john");
        // message files are written from the folders' journals in the background
        await().untilAsserted(() -> assertThat(Fixtures.files(mailbox))
                .filteredOn(f -> f.endsWith(".eml"))
                .hasSize(names.size()));
        for (String f : Fixtures.files(root)) {
            assertThat(f).as("portable file name").matches("[A-Za-z0-9._%~+/-]+");
            for (String segment : f.split("/")) {
                assertThat(segment.length()).as(f).isLessThanOrEqualTo(200);
            }
        }
        assertThat(store.folders(JOHN)).hasSize(names.size() + 8); // INBOX and a .. a/b/c/d/e/f/g
    }
}
