package org.icewarp.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Addressee;
import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.Credential;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Group;
import org.icewarp.storage.LocalPartPolicy;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.Options;
import org.icewarp.storage.Page;
import org.icewarp.storage.PageRequest;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AccountStore} must have. An implementation's test class implements this interface and
 * {@link #accountStore()}, returning a new, empty store with the case-insensitive local-part policy for each test;
 * {@link #reopen(AccountStore)} lets durable stores prove that what they wrote is read back after a restart.
 */
public interface AccountStoreContract {

    /** A new, empty store (case-insensitive local parts). */
    AccountStore accountStore();

    /**
     * Closes {@code store} and opens it again over the same data. Stores without durability return {@code store}
     * itself, and the restart checks then test nothing more than the rest.
     */
    default AccountStore reopen(AccountStore store) {
        return store;
    }

    private static EmailAddress a(String s) {
        return EmailAddress.parse(s);
    }

    private AccountStore withDomain() {
        AccountStore s = accountStore();
        s.createDomain(new Domain("example.com", Set.of("example.org"), Options.EMPTY.with("max-accounts", "10")));
        return s;
    }

    @Test
    default void domainsAreCreatedFoundByNameOrAliasAndListed() {
        AccountStore s = withDomain();
        s.createDomain(Domain.of("b.example"));
        assertThat(s.findDomain("EXAMPLE.COM")).map(Domain::name).contains("example.com");
        assertThat(s.findDomain("example.org")).map(Domain::name).contains("example.com");
        assertThat(s.findDomain("example.com").orElseThrow().options().integer("max-accounts", 0))
                .isEqualTo(10);
        assertThat(s.findDomain("nowhere.example")).isEmpty();
        assertThat(s.domains(PageRequest.first(10)).items())
                .extracting(Domain::name)
                .containsExactly("b.example", "example.com");
    }

    @Test
    default void aDomainNameOrAliasCannotBeTakenTwice() {
        AccountStore s = withDomain();
        assertThatThrownBy(() -> s.createDomain(Domain.of("example.com"))).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> s.createDomain(Domain.of("example.org"))).isInstanceOf(AlreadyExistsException.class);
        s.createDomain(Domain.of("other.example"));
        assertThatThrownBy(() -> s.updateDomain(new Domain("other.example", Set.of("example.org"), Options.EMPTY)))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    default void aDomainWithAccountsCannotBeDeleted() {
        AccountStore s = withDomain();
        s.createAccount(Account.of("john@example.com"));
        assertThatThrownBy(() -> s.deleteDomain("example.com")).isInstanceOf(ConflictException.class);
        s.deleteAccount(a("john@example.com"));
        s.deleteDomain("example.com");
        assertThat(s.findDomain("example.com")).isEmpty();
        assertThat(s.findDomain("example.org")).isEmpty();
        assertThatThrownBy(() -> s.deleteDomain("example.com")).isInstanceOf(NotFoundException.class);
    }

    @Test
    default void anAccountNeedsItsDomain() {
        AccountStore s = accountStore();
        assertThatThrownBy(() -> s.createAccount(Account.of("john@example.com")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("example.com");
    }

    @Test
    default void accountsRoundTripEveryField() {
        AccountStore s = withDomain();
        Account full = new Account(
                a("John.Smith@example.com"),
                Set.of(a("js@example.com"), a("smith@example.org")),
                List.of(new Credential("sha512-crypt", "$6$salt$hash"), new Credential("totp", "SECRET")),
                50_000_000,
                AccountState.DISABLED,
                "John Smith",
                new DirectoryIdentity(
                        "ad1", "0f8fad5b-d9cb-469f-a165-70867728950e", Instant.parse("2026-01-02T03:04:05Z"), true));
        s.createAccount(full);
        AccountStore r = reopen(s);
        Account back = r.findAccount(a("john.smith@example.com")).orElseThrow();
        assertThat(back.address().localPart()).isEqualTo("John.Smith");
        // an alias in a domain alias is stored under the primary domain
        assertThat(back.aliases()).containsExactlyInAnyOrder(a("js@example.com"), a("smith@example.com"));
        assertThat(back.credentials()).isEqualTo(full.credentials());
        assertThat(back.quotaBytes()).isEqualTo(50_000_000);
        assertThat(back.state()).isEqualTo(AccountState.DISABLED);
        assertThat(back.fullName()).isEqualTo("John Smith");
        assertThat(back.directory()).isEqualTo(full.directory());
        assertThat(back.credentials().get(0).toString()).doesNotContain("hash");
    }

    @Test
    default void lookupFindsAddressesAndAliasesAcrossDomainAliasesAndCase() {
        AccountStore s = withDomain();
        s.createAccount(Account.of("john@example.com").withAliases(Set.of(a("johnny@example.com"))));
        s.createGroup(Group.of("team@example.com", Set.of(a("john@example.com"), a("ext@remote.example"))));
        assertThat(s.localPartPolicy()).isEqualTo(LocalPartPolicy.CASE_INSENSITIVE);
        for (String address : List.of(
                "john@example.com",
                "JOHN@Example.COM",
                "johnny@example.com",
                "john@example.org",
                "Johnny@EXAMPLE.ORG")) {
            assertThat(s.lookup(a(address))).as(address).map(Addressee::address).contains(a("john@example.com"));
        }
        assertThat(s.lookup(a("team@example.org"))).get().isInstanceOf(Group.class);
        assertThat(s.lookup(a("nobody@example.com"))).isEmpty();
        assertThat(s.lookup(a("john@unknown.example"))).isEmpty();
    }

    @Test
    default void anAddressReachesOneThingOnly() {
        AccountStore s = withDomain();
        s.createAccount(Account.of("john@example.com").withAliases(Set.of(a("sales@example.com"))));
        assertThatThrownBy(() -> s.createAccount(Account.of("JOHN@example.com")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> s.createAccount(Account.of("sales@example.com")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> s.createGroup(Group.of("sales@example.org", Set.of())))
                .isInstanceOf(AlreadyExistsException.class);
        s.createAccount(Account.of("mary@example.com"));
        assertThatThrownBy(() ->
                        s.updateAccount(Account.of("mary@example.com").withAliases(Set.of(a("sales@example.com")))))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    default void updatingAliasesReindexesThem() {
        AccountStore s = withDomain();
        s.createAccount(Account.of("john@example.com").withAliases(Set.of(a("old@example.com"))));
        s.updateAccount(Account.of("john@example.com").withAliases(Set.of(a("new@example.com"))));
        AccountStore r = reopen(s);
        assertThat(r.lookup(a("old@example.com"))).isEmpty();
        assertThat(r.lookup(a("new@example.com"))).map(Addressee::address).contains(a("john@example.com"));
        r.createAccount(Account.of("old@example.com"));
        assertThat(r.lookup(a("old@example.com"))).map(Addressee::address).contains(a("old@example.com"));
    }

    @Test
    default void deletedAccountsNoLongerResolve() {
        AccountStore s = withDomain();
        s.createAccount(Account.of("john@example.com").withAliases(Set.of(a("j@example.com"))));
        s.deleteAccount(a("John@example.com"));
        AccountStore r = reopen(s);
        assertThat(r.findAccount(a("john@example.com"))).isEmpty();
        assertThat(r.lookup(a("j@example.com"))).isEmpty();
        assertThatThrownBy(() -> r.deleteAccount(a("john@example.com"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> r.updateAccount(Account.of("john@example.com")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    default void accountsArePagedInAddressOrder() {
        AccountStore s = withDomain();
        s.createDomain(Domain.of("other.example"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String local = String.format("user%02d", i);
            s.createAccount(Account.of(local + "@example.com"));
            s.createAccount(Account.of(local + "@other.example"));
            expected.add(local + "@example.com");
        }
        List<String> seen = new ArrayList<>();
        Page<Account> page = s.accounts("example.com", PageRequest.first(10));
        seen.addAll(page.items().stream().map(x -> x.address().toString()).toList());
        while (page.next(10).isPresent()) {
            page = s.accounts("example.com", page.next(10).get());
            assertThat(page.items()).hasSizeLessThanOrEqualTo(10);
            seen.addAll(page.items().stream().map(x -> x.address().toString()).toList());
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    default void groupsHaveMembersAndParentsWithoutCycles() {
        AccountStore s = withDomain();
        s.createGroup(Group.of("all@example.com", Set.of()));
        s.createGroup(new Group(
                a("dev@example.com"),
                Set.of(a("a@example.com"), a("b@remote.example")),
                a("all@example.com"),
                DirectoryIdentity.NONE));
        AccountStore r = reopen(s);
        Group dev = r.findGroup(a("dev@example.com")).orElseThrow();
        assertThat(dev.members()).containsExactlyInAnyOrder(a("a@example.com"), a("b@remote.example"));
        assertThat(dev.parent()).isEqualTo(a("all@example.com"));
        assertThatThrownBy(() -> r.updateGroup(
                        new Group(a("all@example.com"), Set.of(), a("dev@example.com"), DirectoryIdentity.NONE)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> r.deleteGroup(a("all@example.com"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> r.createGroup(
                        new Group(a("x@example.com"), Set.of(), a("missing@example.com"), DirectoryIdentity.NONE)))
                .isInstanceOf(NotFoundException.class);
        assertThat(r.groups("example.com", PageRequest.first(10)).items())
                .extracting(g -> g.address().toString())
                .containsExactly("all@example.com", "dev@example.com");
    }

    @Test
    default void lookupsNeverMissAnUnchangedAddressWhileTheAccountIsUpdated() throws Exception {
        AccountStore s = withDomain();
        EmailAddress primary = a("john@example.com");
        EmailAddress stable = a("stable@example.com");
        s.createAccount(Account.of("john@example.com").withAliases(Set.of(stable)));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger misses = new AtomicInteger();
        AtomicInteger lookups = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    for (EmailAddress address : List.of(primary, stable)) {
                        lookups.incrementAndGet();
                        if (s.lookup(address).isEmpty()) {
                            misses.incrementAndGet();
                        }
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 2_000; i++) {
                Account next = new Account(
                        primary,
                        Set.of(stable, a("changing" + i + "@example.com")),
                        List.of(),
                        0,
                        AccountState.ENABLED,
                        "John " + i,
                        DirectoryIdentity.NONE);
                s.updateAccount(next);
            }
        } finally {
            done.set(true);
            reader.join(10_000);
        }
        assertThat(reader.isAlive()).as("the reader finished").isFalse();
        assertThat(failure.get()).as("the reader failed").isNull();
        assertThat(lookups.get()).isPositive();
        assertThat(misses.get())
                .as("lookups of unchanged addresses that found nothing")
                .isZero();
    }

    @Test
    default void addressesInADomainAliasAreStoredUnderThePrimaryDomainAndOutliveTheAlias() {
        AccountStore s = accountStore();
        s.createDomain(new Domain("example.com", Set.of("ex.org"), Options.EMPTY));
        s.createAccount(Account.of("a@example.com").withAliases(Set.of(a("b@ex.org"))));
        s.createGroup(Group.of("team@ex.org", Set.of(a("a@example.com"))));
        assertThat(s.findAccount(a("a@example.com")).orElseThrow().aliases()).containsExactly(a("b@example.com"));
        assertThat(s.findGroup(a("team@example.com"))).map(Group::address).contains(a("team@example.com"));

        s.updateDomain(Domain.of("example.com"));
        AccountStore r = reopen(s);
        assertThat(r.lookup(a("b@ex.org")))
                .as("the removed alias domain no longer resolves")
                .isEmpty();
        assertThat(r.lookup(a("b@example.com"))).map(Addressee::address).contains(a("a@example.com"));
        assertThat(r.lookup(a("team@example.com"))).get().isInstanceOf(Group.class);

        r.deleteAccount(a("a@example.com"));
        r.deleteGroup(a("team@example.com"));
        assertThat(r.lookup(a("b@example.com"))).as("a deleted account's alias").isEmpty();
        assertThat(r.lookup(a("team@example.com"))).as("a deleted group").isEmpty();
        AccountStore again = reopen(r);
        assertThat(again.lookup(a("b@example.com"))).isEmpty();
        again.createAccount(Account.of("b@example.com"));
        assertThat(again.lookup(a("b@example.com"))).map(Addressee::address).contains(a("b@example.com"));
    }

    @Test
    default void aDomainAliasCannotShadowAnAddressThatIsAlreadyTaken() {
        AccountStore s = withDomain();
        s.createAccount(Account.of("john@example.com").withAliases(Set.of(a("john@partner.example"))));
        s.createDomain(Domain.of("b.example"));
        s.createAccount(Account.of("john@b.example"));
        assertThatThrownBy(() -> s.updateDomain(new Domain("b.example", Set.of("partner.example"), Options.EMPTY)))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("partner.example");
        assertThatThrownBy(() -> s.createDomain(new Domain("c.example", Set.of("partner.example"), Options.EMPTY)))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(s.findDomain("partner.example")).isEmpty();
        assertThat(s.lookup(a("john@b.example"))).map(Addressee::address).contains(a("john@b.example"));
    }
}
