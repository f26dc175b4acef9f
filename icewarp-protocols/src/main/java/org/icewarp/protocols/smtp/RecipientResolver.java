package org.icewarp.protocols.smtp;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Addressee;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Group;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a {@code RCPT TO} mailbox reaches: an account, an alias, a group (expanded), a remote address, or
 * nothing. Uses the account store's {@link AccountStore#lookup} (its hot path, domain aliases resolved there) and the
 * mailbox store's {@link MailboxStore#usage} for the quota check.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Local domains are the store's domains and their aliases, compared without regard to case. An address literal
 *       ({@code user@[192.0.2.1]}) is never local: such a recipient is {@link Resolution.Remote} and subject to the
 *       session's relay rules. There is deliberately no option to make literals local; add one here if a deployment
 *       needs it, so that it stays explicit.
 *   <li>The bare {@code Postmaster} recipient (RFC 5321 section 4.5.1, domain {@code ""}) is {@code
 *       postmaster@primaryDomain}; if no account or group answers to that, it is unknown, so the assembly must create
 *       it.
 *   <li>A local part that cannot be a stored address (unsafe characters, longer than 64) reaches nothing: unknown.
 *   <li>Groups are expanded through nested groups up to {@link #DEFAULT_MAX_GROUP_DEPTH} levels; a group met twice (a
 *       cycle, or two paths to one group) is expanded once. A member in a non-local domain is a remote member; a
 *       member in a local domain that reaches nothing is skipped with a warning (a stale member); a disabled member
 *       account is skipped. A group's {@code parent} is organisational and does not receive its children's mail.
 *   <li>A group reaching no enabled account and no remote member is unknown, so that mail is never accepted into a
 *       void.
 *   <li>Quota: the account's (or, for a group, every member account's) quota is checked against its current usage and
 *       the declared {@code SIZE}. A group is all or nothing, like the transaction (see {@link Delivery}): one full
 *       member makes the group's recipient temporarily over quota.
 * </ul>
 *
 * <p>Thread-safe; every method may block on storage (call it on the kernel's blocking executor).
 */
final class RecipientResolver {
    /** How deep nested groups are expanded by default. */
    static final int DEFAULT_MAX_GROUP_DEPTH = 8;
    /** How many recipients (mailboxes plus remote members) one group may expand to by default. */
    static final int DEFAULT_MAX_GROUP_RECIPIENTS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RecipientResolver.class);

    private final AccountStore accounts;
    private final MailboxStore mailboxes;
    private final String primaryDomain;
    private final int maxGroupDepth;
    private final int maxGroupRecipients;

    /** A resolver with the default group limits. */
    RecipientResolver(AccountStore accounts, MailboxStore mailboxes, String primaryDomain) {
        this(accounts, mailboxes, primaryDomain, DEFAULT_MAX_GROUP_DEPTH, DEFAULT_MAX_GROUP_RECIPIENTS);
    }

    /**
     * A resolver.
     *
     * @param maxGroupDepth how many levels of nested groups below a recipient group are expanded (at least 0); deeper
     *     groups are skipped with a warning
     * @param maxGroupRecipients the most recipients a group may expand to (at least 1); a larger group fails with
     *     {@link IllegalStateException} (a configuration fault: the session answers {@code 451 4.3.0})
     * @throws IllegalArgumentException naming the option when a limit is out of range or the primary domain is invalid
     */
    RecipientResolver(
            AccountStore accounts,
            MailboxStore mailboxes,
            String primaryDomain,
            int maxGroupDepth,
            int maxGroupRecipients) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.mailboxes = Objects.requireNonNull(mailboxes, "mailboxes");
        try {
            // "" = no primary domain: the bare Postmaster recipient is then unknown
            this.primaryDomain =
                    Objects.requireNonNull(primaryDomain, "primaryDomain").isEmpty()
                            ? ""
                            : EmailAddress.requireDomain(primaryDomain);
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("primaryDomain: " + e.getMessage(), e);
        }
        if (maxGroupDepth < 0) {
            throw new IllegalArgumentException("maxGroupDepth must be 0 or more, was " + maxGroupDepth);
        }
        if (maxGroupRecipients < 1) {
            throw new IllegalArgumentException("maxGroupRecipients must be at least 1, was " + maxGroupRecipients);
        }
        this.maxGroupDepth = maxGroupDepth;
        this.maxGroupRecipients = maxGroupRecipients;
    }

    /**
     * Whether a domain (as {@link SmtpMailbox#domain()} spells it) is a local domain or a local domain's alias,
     * without regard to case. Address literals and {@code ""} are not.
     */
    boolean isLocalDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        if (domain.isEmpty() || domain.startsWith("[")) {
            return false;
        }
        return accounts.findDomain(domain.toLowerCase(Locale.ROOT)).isPresent();
    }

    /**
     * Resolves one recipient.
     *
     * @param declaredSize the {@code SIZE} declared in {@code MAIL FROM}, {@code 0} when unknown
     * @throws IllegalStateException when a group expands to more than the configured number of recipients
     * @throws org.icewarp.storage.StorageUnavailableException when the storage fails
     */
    Resolution resolve(SmtpMailbox recipient, long declaredSize) {
        Objects.requireNonNull(recipient, "recipient");
        if (declaredSize < 0) {
            throw new IllegalArgumentException("declaredSize must be 0 (unknown) or positive, was " + declaredSize);
        }
        EmailAddress address;
        if (recipient.domain().isEmpty() && !recipient.addressLiteral()) {
            // RFC 5321 section 4.5.1: the bare Postmaster recipient, case-insensitive
            if (!recipient.localPart().equalsIgnoreCase("postmaster") || primaryDomain.isEmpty()) {
                return new Resolution.Unknown();
            }
            address = new EmailAddress("postmaster", primaryDomain);
        } else if (!isLocalDomain(recipient.domain())) {
            return new Resolution.Remote(recipient);
        } else {
            try {
                address = new EmailAddress(recipient.localPart(), recipient.domain());
            } catch (InvalidNameException e) {
                LOG.debug("recipient local part cannot be a stored address: {}", e.getMessage());
                return new Resolution.Unknown();
            }
        }
        Optional<Addressee> found = accounts.lookup(address);
        if (found.isEmpty()) {
            return new Resolution.Unknown();
        }
        if (found.get() instanceof Account account) {
            if (account.state() == AccountState.DISABLED) {
                return new Resolution.Disabled();
            }
            Resolution quota = quota(account, declaredSize);
            if (quota != null) {
                return quota;
            }
            return new Resolution.Local(
                    account.address(), List.of(new LocalTarget(account.address(), account.quotaBytes())), List.of());
        }
        return expand((Group) found.get(), declaredSize);
    }

    private Resolution expand(Group top, long declaredSize) {
        Expansion x = new Expansion(top.address());
        x.visit(top, 0);
        if (x.mailboxes.isEmpty() && x.remote.isEmpty()) {
            LOG.warn("group {} reaches no enabled account and no remote member; its mail is refused", top.address());
            return new Resolution.Unknown();
        }
        Resolution worst = null;
        for (Account member : x.mailboxes.values()) {
            Resolution q = quota(member, declaredSize);
            if (q instanceof Resolution.OverQuota o && o.permanent()) {
                return q;
            }
            if (q != null) {
                worst = q;
            }
        }
        if (worst != null) {
            return worst;
        }
        List<LocalTarget> targets = x.mailboxes.values().stream()
                .map(a -> new LocalTarget(a.address(), a.quotaBytes()))
                .toList();
        return new Resolution.Local(top.address(), targets, List.copyOf(x.remote));
    }

    /** {@code null} when the quota lets the message in, otherwise the over-quota outcome. */
    private Resolution quota(Account account, long declaredSize) {
        long quota = account.quotaBytes();
        if (quota == 0) {
            return null;
        }
        if (declaredSize > quota) {
            return new Resolution.OverQuota(true);
        }
        long used;
        try {
            used = mailboxes.usage(account.address()).bytes();
        } catch (NotFoundException e) {
            used = 0; // no mailbox yet: delivery creates it
        }
        if (used >= quota || declaredSize > quota - used) {
            return new Resolution.OverQuota(false);
        }
        return null;
    }

    /** One group expansion: the accounts and remote members found so far, with the guards. */
    private final class Expansion {
        private final EmailAddress top;
        private final Map<EmailAddress, Account> mailboxes = new LinkedHashMap<>();
        private final Set<String> remote = new LinkedHashSet<>();
        private final Set<EmailAddress> visited = new LinkedHashSet<>();

        Expansion(EmailAddress top) {
            this.top = top;
        }

        void visit(Group group, int depth) {
            if (!visited.add(group.address())) {
                LOG.debug("group {}: group {} already expanded (cycle or shared member)", top, group.address());
                return;
            }
            for (EmailAddress member : group.members()) {
                if (!isLocalDomain(member.domain())) {
                    remote.add(member.toString());
                    checkSize();
                    continue;
                }
                Optional<Addressee> found = accounts.lookup(member);
                if (found.isEmpty()) {
                    LOG.warn("group {}: member {} of {} reaches nothing; skipped", top, member, group.address());
                } else if (found.get() instanceof Account account) {
                    if (account.state() == AccountState.DISABLED) {
                        LOG.debug("group {}: member {} is disabled; skipped", top, member);
                    } else {
                        mailboxes.putIfAbsent(account.address().folded(), account);
                        checkSize();
                    }
                } else if (depth >= maxGroupDepth) {
                    LOG.warn(
                            "group {}: nested group {} is deeper than {} levels; not expanded",
                            top,
                            member,
                            maxGroupDepth);
                } else {
                    visit((Group) found.get(), depth + 1);
                }
            }
        }

        private void checkSize() {
            if (mailboxes.size() + remote.size() > maxGroupRecipients) {
                throw new IllegalStateException(
                        "group " + top + " expands to more than " + maxGroupRecipients + " recipients");
            }
        }
    }
}
