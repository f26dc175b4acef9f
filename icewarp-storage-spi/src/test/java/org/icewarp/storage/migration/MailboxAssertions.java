package org.icewarp.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Folder;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;

/** Compares two mailboxes directly, independently of the engine's own verification. */
final class MailboxAssertions {
    private MailboxAssertions() {}

    /** Asserts equal folders, UIDVALIDITY, UIDNEXT, metadata and byte-identical content; returns messages compared. */
    static long assertSameMailbox(MailboxStore source, MailboxStore target, EmailAddress account) {
        List<Folder> folders = source.folders(account);
        assertThat(target.folders(account)).as("folders of %s", account).isEqualTo(folders);
        long compared = 0;
        for (Folder f : folders) {
            assertThat(target.status(account, f.name()).uidNext())
                    .as("UIDNEXT of %s/%s", account, f.name())
                    .isEqualTo(source.status(account, f.name()).uidNext());
            List<MessageMetadata> expected = source.messages(account, f.name(), UidSet.ALL);
            assertThat(target.messages(account, f.name(), UidSet.ALL))
                    .as("messages of %s/%s", account, f.name())
                    .isEqualTo(expected);
            for (MessageMetadata m : expected) {
                assertThat(bytes(target.open(account, f.name(), m.uid())))
                        .as("content of UID %s in %s/%s", m.uid(), account, f.name())
                        .isEqualTo(bytes(source.open(account, f.name(), m.uid())));
                compared++;
            }
        }
        return compared;
    }

    static byte[] bytes(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
