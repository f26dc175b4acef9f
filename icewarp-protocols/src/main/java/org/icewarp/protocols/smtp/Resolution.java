package org.icewarp.protocols.smtp;

import java.util.List;
import java.util.Objects;
import org.icewarp.storage.EmailAddress;

/**
 * What {@link RecipientResolver#resolve} makes of one {@code RCPT TO} mailbox. The session maps each outcome to its
 * reply; the codes below are the intended ones.
 */
sealed interface Resolution {

    /**
     * A recipient in a local domain that reaches at least one mailbox or remote group member (250).
     *
     * <p>Deviation from the first sketch of this type: {@code mailboxes} carries each account's quota with its address
     * ({@link LocalTarget}), because the resolver has the account in hand and delivery needs the quota; re-reading it
     * at DATA would cost a second lookup per recipient.
     *
     * @param canonical the address the recipient reached (the account's or group's primary address, domain aliases
     *     resolved)
     * @param mailboxes the accounts after alias and group expansion, deduplicated, in first-seen order
     * @param remoteMembers members of a group (or nested group) in domains that are not local: they go to the queue
     */
    record Local(EmailAddress canonical, List<LocalTarget> mailboxes, List<String> remoteMembers)
            implements Resolution {
        /** Validates and copies. */
        public Local {
            Objects.requireNonNull(canonical, "canonical");
            mailboxes = List.copyOf(mailboxes);
            remoteMembers = List.copyOf(remoteMembers);
            if (mailboxes.isEmpty() && remoteMembers.isEmpty()) {
                throw new IllegalArgumentException("a local recipient reaches at least one mailbox or member");
            }
        }
    }

    /**
     * A recipient in a domain that is not local (or an address literal): relayed through the queue if the session's
     * relay rules allow it, otherwise {@code 554 5.7.1}.
     *
     * @param recipient the recipient as given
     */
    record Remote(SmtpMailbox recipient) implements Resolution {
        /** Validates. */
        public Remote {
            Objects.requireNonNull(recipient, "recipient");
        }
    }

    /**
     * No account or group answers to the address in a local domain, or it is a group that reaches nobody
     * ({@code 550 5.1.1}).
     */
    record Unknown() implements Resolution {}

    /** The account is disabled ({@code 550 5.2.1}). */
    record Disabled() implements Resolution {}

    /**
     * A quota refuses the message: the mailbox is full or would be by the declared size ({@code 452 4.2.2}, {@code
     * permanent} false), or the declared {@code SIZE} alone is larger than the whole quota ({@code 552 5.2.2}, {@code
     * permanent} true).
     *
     * @param permanent whether no amount of waiting can help
     */
    record OverQuota(boolean permanent) implements Resolution {}
}
