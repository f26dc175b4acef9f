package org.icewarp.protocols.smtp;

import java.util.Objects;

/** A {@link RecipientHook}'s answer for one recipient. */
public sealed interface RecipientVerdict {

    /** No opinion: the next hook decides, then the normal checks. */
    record Continue() implements RecipientVerdict {}

    /** The recipient is accepted; later hooks and the account-store check are skipped. */
    record Accept() implements RecipientVerdict {}

    /**
     * The recipient is refused for good.
     *
     * @param code the reply code, 500 to 599 (550 is usual)
     * @param enhancedStatus the RFC 3463 enhanced status code, {@code 5.x.x} (for example {@code 5.7.1})
     * @param text the reply text: printable, one line
     */
    record Reject(int code, String enhancedStatus, String text) implements RecipientVerdict {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException when the code is not 5xx, the status not {@code 5.x.x}, or the text not one
         *     printable line
         */
        public Reject {
            ReplyChecks.reply(5, code, enhancedStatus, text);
        }
    }

    /**
     * The recipient is refused for now; the client may try again later.
     *
     * @param code the reply code, 400 to 499 (450 or 451 are usual)
     * @param enhancedStatus the RFC 3463 enhanced status code, {@code 4.x.x}
     * @param text the reply text: printable, one line
     */
    record RejectTemporarily(int code, String enhancedStatus, String text) implements RecipientVerdict {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException when the code is not 4xx, the status not {@code 4.x.x}, or the text not one
         *     printable line
         */
        public RejectTemporarily {
            ReplyChecks.reply(4, code, enhancedStatus, text);
        }
    }

    /**
     * The recipient becomes another one; the hooks run again for it.
     *
     * @param recipient the new recipient
     */
    record Rewrite(SmtpMailbox recipient) implements RecipientVerdict {
        /** Validates. */
        public Rewrite {
            Objects.requireNonNull(recipient, "recipient");
        }
    }
}
