package org.icewarp.storage.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.Group;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.NotFoundException;

/**
 * Compares source and target: every domain, group and account record (the source's after text repair, as the copy
 * wrote it) and every folder of every source account ({@link FolderComparer}). Target objects the source does not
 * have are reported for folders of migrated accounts only; other accounts and domains at the target are not the
 * migration's business.
 */
final class Verifier {
    private final AccountStore fromAccounts;
    private final AccountStore toAccounts;
    private final MailboxStore fromMail;
    private final MailboxStore toMail;
    private final Repairer repairer;
    private final int pageSize;
    private final Progress progress;
    private final List<String> mismatches = new ArrayList<>();
    private long mismatchCount;
    private long domains;
    private long accounts;
    private long groups;
    private long folders;
    private long messages;
    private long bytes;

    Verifier(
            AccountStore fromAccounts,
            AccountStore toAccounts,
            MailboxStore fromMail,
            MailboxStore toMail,
            Repairer repairer,
            int pageSize,
            Progress progress) {
        this.fromAccounts = fromAccounts;
        this.toAccounts = toAccounts;
        this.fromMail = fromMail;
        this.toMail = toMail;
        this.repairer = repairer.quiet();
        this.pageSize = pageSize;
        this.progress = progress;
    }

    Verification verify() {
        try {
            Listings.forEach(pageSize, fromAccounts::domains, this::domain);
            Listings.forEachInDomains(fromAccounts, pageSize, fromAccounts::groups, this::group);
            Listings.forEachInDomains(fromAccounts, pageSize, fromAccounts::accounts, this::account);
        } catch (MigrationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw MigrationException.of("verifying", e);
        }
        return new Verification(domains, accounts, groups, folders, messages, bytes, mismatches, mismatchCount);
    }

    private void mismatch(String line) {
        mismatchCount++;
        if (mismatches.size() < Verification.MAX_MISMATCHES) {
            mismatches.add(line);
        }
    }

    private void domain(Domain source) {
        domains++;
        Domain wanted = repairer.domain(source);
        Optional<Domain> target = toAccounts.findDomain(source.name());
        if (target.isEmpty()) {
            mismatch("domain " + source.name() + ": missing at the target");
        } else if (!target.get().equals(wanted)) {
            mismatch("domain " + source.name() + ": differs: source " + wanted + ", target " + target.get());
        }
    }

    private void group(Group source) {
        groups++;
        Group wanted = repairer.group(source);
        Optional<Group> target = toAccounts.findGroup(source.address());
        if (target.isEmpty()) {
            mismatch("group " + source.address() + ": missing at the target");
        } else if (!target.get().equals(wanted)) {
            mismatch("group " + source.address() + ": differs: source " + wanted + ", target " + target.get());
        }
    }

    private void account(Account source) {
        accounts++;
        EmailAddress address = source.address();
        progress.current(address.toString());
        Account wanted = repairer.account(source);
        try {
            Optional<Account> target = toAccounts.findAccount(address);
            if (target.isEmpty()) {
                mismatch("account " + address + ": missing at the target");
            } else if (!target.get().equals(wanted)) {
                // Account's toString hides credential values
                mismatch("account " + address + ": differs: source " + wanted + ", target " + target.get());
            }
            mailbox(address);
        } catch (MigrationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw MigrationException.of(address, null, 0, "verifying", e);
        }
        progress.accountDone();
    }

    private void mailbox(EmailAddress account) {
        List<Folder> sourceFolders;
        try {
            sourceFolders = fromMail.folders(account);
        } catch (NotFoundException noMailbox) {
            return;
        }
        Map<FolderName, Folder> targetFolders = new TreeMap<>();
        try {
            toMail.folders(account).forEach(f -> targetFolders.put(f.name(), f));
        } catch (NotFoundException noMailbox) {
            mismatch("account " + account + ": has a mailbox at the source but none at the target");
            return;
        }
        FolderComparer comparer = new FolderComparer(fromMail, toMail, pageSize);
        for (Folder s : sourceFolders) {
            folders++;
            Folder t = targetFolders.remove(s.name());
            FolderCheck check = comparer.compare(account, s, t);
            messages += check.source().messages();
            bytes += check.source().bytes();
            check.problems().forEach(p -> mismatch(account + "/" + s.name() + ": " + p));
            progress.verified(check);
        }
        for (FolderName extra : targetFolders.keySet()) {
            mismatch(account + "/" + extra + ": only at the target");
        }
    }
}
