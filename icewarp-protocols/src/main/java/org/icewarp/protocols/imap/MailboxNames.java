package org.icewarp.protocols.imap;

import java.util.Optional;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.InvalidNameException;

/**
 * Mailbox names between the wire and the store. The hierarchy delimiter is {@code /} (the store's). On the way in a
 * name is decoded from modified UTF-7 and must stay inside the account: no empty, {@code .} or {@code ..} levels, no
 * leading {@code /} (an absolute path), no {@code \}, {@code :} or control characters, no separator hidden in an
 * encoding (a non-canonical modified UTF-7 run, or a Unicode character that looks like a slash). Such names are
 * refused with {@code NO [CANNOT]} and never reach the store.
 */
final class MailboxNames {
    /** The hierarchy delimiter as IMAP shows it. */
    static final char DELIMITER = FolderName.DELIMITER;

    /** Characters that render as a slash or backslash: a name holding one is refused as a disguised separator. */
    private static final String LOOKALIKES = "\u2044\u2215\u29f8\uff0f\u29f5\u29f9\ufe68\uff3c\u2216";

    private MailboxNames() {}

    /** The folder a client's mailbox name means; empty when the name is not acceptable. */
    static Optional<FolderName> parse(String wire) {
        Optional<String> decoded = ModifiedUtf7.decode(wire);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String name = decoded.get();
        if (name.isEmpty() || name.charAt(0) == DELIMITER || name.charAt(name.length() - 1) == DELIMITER) {
            return Optional.empty();
        }
        for (int i = 0; i < name.length(); i++) {
            if (LOOKALIKES.indexOf(name.charAt(i)) >= 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(FolderName.of(name));
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    /** The wire form of a folder's name. */
    static String wire(FolderName folder) {
        return ModifiedUtf7.encode(folder.value());
    }
}
