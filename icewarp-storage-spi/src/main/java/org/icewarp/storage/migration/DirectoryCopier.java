package org.icewarp.storage.migration;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Group;
import org.icewarp.storage.migration.MigrationReport.Tally;

/**
 * Copies domains, groups and account records. Each object is created at the target when missing, replaced when it
 * differs, and left alone when it is equal (after text repair), so a second run changes nothing.
 */
final class DirectoryCopier {
    private final AccountStore from;
    private final AccountStore to;
    private final Repairer repairer;
    private final int pageSize;
    private final long[] domains = new long[3];
    private final long[] accounts = new long[3];
    private final long[] groups = new long[3];

    DirectoryCopier(AccountStore from, AccountStore to, Repairer repairer, int pageSize) {
        this.from = from;
        this.to = to;
        this.repairer = repairer;
        this.pageSize = pageSize;
    }

    Tally domains() {
        return tally(domains);
    }

    Tally accounts() {
        return tally(accounts);
    }

    Tally groups() {
        return tally(groups);
    }

    private static Tally tally(long[] t) {
        return new Tally(t[0], t[1], t[2]);
    }

    void copyDomains() {
        Listings.forEach(pageSize, from::domains, this::copyDomain);
    }

    private void copyDomain(Domain source) {
        Domain wanted = repairer.domain(source);
        String what = "copying domain " + source.name();
        try {
            Optional<Domain> existing = to.findDomain(source.name());
            if (existing.isEmpty()) {
                to.createDomain(wanted);
                domains[0]++;
            } else if (!existing.get().name().equals(source.name())) {
                throw new IllegalStateException(
                        "it is an alias of domain " + existing.get().name() + " at the target");
            } else if (existing.get().equals(wanted)) {
                domains[2]++;
            } else {
                to.updateDomain(wanted);
                domains[1]++;
            }
        } catch (RuntimeException e) {
            throw e instanceof MigrationException m ? m : MigrationException.of(what, e);
        }
    }

    /**
     * Copies every group in two passes, so that the order of parents and children does not matter: missing groups
     * are created without their parent first, then every group that differs from the source is replaced.
     */
    void copyGroups() {
        Set<EmailAddress> createdBare = new HashSet<>();
        Listings.forEachInDomains(from, pageSize, from::groups, g -> {
            guard(g.address(), () -> {
                if (to.findGroup(g.address()).isEmpty()) {
                    Group wanted = repairer.group(g);
                    to.createGroup(new Group(wanted.address(), wanted.members(), null, wanted.directory()));
                    groups[0]++;
                    createdBare.add(g.address());
                }
            });
        });
        Repairer quiet = repairer.quiet();
        Listings.forEachInDomains(from, pageSize, from::groups, g -> {
            guard(g.address(), () -> {
                Group wanted = quiet.group(g);
                if (!to.findGroup(g.address()).map(wanted::equals).orElse(false)) {
                    to.updateGroup(wanted);
                    if (!createdBare.contains(g.address())) {
                        groups[1]++;
                    }
                } else if (!createdBare.contains(g.address())) {
                    groups[2]++;
                }
            });
        });
    }

    private static void guard(EmailAddress group, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw MigrationException.of("copying group " + group, e);
        }
    }

    long countAccounts() {
        long[] n = {0};
        Listings.forEachInDomains(from, pageSize, from::accounts, a -> n[0]++);
        return n[0];
    }

    /** Creates, replaces or keeps one account record. */
    void copyAccount(Account source) {
        Account wanted = repairer.account(source);
        try {
            Optional<Account> existing = to.findAccount(source.address());
            if (existing.isEmpty()) {
                to.createAccount(wanted);
                accounts[0]++;
            } else if (existing.get().equals(wanted)) {
                accounts[2]++;
            } else {
                to.updateAccount(wanted);
                accounts[1]++;
            }
        } catch (RuntimeException e) {
            throw MigrationException.of(source.address(), null, 0, "copying the account record", e);
        }
    }
}
