package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.icewarp.protocols.smtp.Resolution.Local;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Group;
import org.icewarp.storage.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecipientResolverTest {
    private MemoryStores stores;
    private RecipientResolver resolver;

    private static EmailAddress a(String s) {
        return EmailAddress.parse(s);
    }

    private static SmtpMailbox rcpt(String local, String domain) {
        return new SmtpMailbox(local, domain, false);
    }

    private void account(Account account) {
        stores.accounts.createAccount(account);
        stores.mailboxes.createMailbox(account.address());
    }

    private static LocalTarget target(String address, long quota) {
        return new LocalTarget(a(address), quota);
    }

    @BeforeEach
    void setUp() {
        stores = new MemoryStores();
        stores.accounts.createDomain(new Domain("example.com", Set.of("ex.org"), Options.EMPTY));
        stores.accounts.createDomain(Domain.of("other.example"));
        account(Account.of("john@example.com").withAliases(Set.of(a("jd@example.com"))));
        account(Account.of("anna@example.com"));
        account(Account.of("postmaster@example.com"));
        account(Account.of("dis@example.com").withState(AccountState.DISABLED));
        account(Account.of("quota@example.com").withQuota(1000));
        resolver = new RecipientResolver(stores.accounts, stores.mailboxes, "example.com");
    }

    @AfterEach
    void tearDown() {
        stores.close();
    }

    @Test
    void accountResolvesToItsOwnMailbox() {
        assertThat(resolver.resolve(rcpt("john", "example.com"), 0))
                .isEqualTo(new Local(a("john@example.com"), List.of(target("john@example.com", 0)), List.of()));
    }

    @Test
    void accountAliasResolvesToThePrimaryMailbox() {
        assertThat(resolver.resolve(rcpt("jd", "example.com"), 0))
                .isEqualTo(new Local(a("john@example.com"), List.of(target("john@example.com", 0)), List.of()));
    }

    @Test
    void domainAliasResolvesToTheAccountInTheDomain() {
        assertThat(resolver.resolve(rcpt("john", "ex.org"), 0))
                .isEqualTo(new Local(a("john@example.com"), List.of(target("john@example.com", 0)), List.of()));
        assertThat(resolver.isLocalDomain("ex.org")).isTrue();
    }

    @Test
    void domainAndLocalPartCaseDoNotMatter() {
        assertThat(resolver.isLocalDomain("EXAMPLE.Com")).isTrue();
        assertThat(resolver.isLocalDomain("Ex.ORG")).isTrue();
        assertThat(resolver.resolve(rcpt("JOHN", "EXAMPLE.COM"), 0)).isInstanceOf(Local.class);
        assertThat(((Local) resolver.resolve(rcpt("John", "Ex.Org"), 0)).canonical())
                .isEqualTo(a("john@example.com"));
    }

    @Test
    void nonLocalDomainIsRemote() {
        SmtpMailbox remote = rcpt("john", "example.net");
        assertThat(resolver.resolve(remote, 0)).isEqualTo(new Resolution.Remote(remote));
        assertThat(resolver.isLocalDomain("example.net")).isFalse();
        // a suffix or a trailing dot is another name, not the local domain
        assertThat(resolver.isLocalDomain("xexample.com")).isFalse();
        assertThat(resolver.isLocalDomain("example.com.")).isFalse();
    }

    @Test
    void addressLiteralIsNeverLocal() {
        SmtpMailbox literal = new SmtpMailbox("john", "[127.0.0.1]", true);
        assertThat(resolver.resolve(literal, 0)).isEqualTo(new Resolution.Remote(literal));
        assertThat(resolver.isLocalDomain("[127.0.0.1]")).isFalse();
        assertThat(resolver.isLocalDomain("")).isFalse();
    }

    @Test
    void unknownLocalPartIsUnknown() {
        assertThat(resolver.resolve(rcpt("nobody", "example.com"), 0)).isEqualTo(new Resolution.Unknown());
        assertThat(resolver.resolve(rcpt("nobody", "ex.org"), 0)).isEqualTo(new Resolution.Unknown());
    }

    @Test
    void localPartThatCannotBeStoredIsUnknown() {
        assertThat(resolver.resolve(rcpt("../john", "example.com"), 0)).isEqualTo(new Resolution.Unknown());
        assertThat(resolver.resolve(rcpt("x".repeat(65), "example.com"), 0)).isEqualTo(new Resolution.Unknown());
        // quoted local parts with '@' never reach the account on the right of it
        assertThat(resolver.resolve(rcpt("john@example.com", "example.com"), 0)).isEqualTo(new Resolution.Unknown());
    }

    @Test
    void relayTricksInALocalDomainReachNothingInsteadOfAnotherDomain() {
        for (String trick : List.of("john%remote.net", "remote.net!john", "@remote.net:john", "john@remote.net")) {
            assertThat(resolver.resolve(rcpt(trick, "example.com"), 0))
                    .as(trick)
                    .isEqualTo(new Resolution.Unknown());
        }
    }

    @Test
    void disabledAccountIsDisabled() {
        assertThat(resolver.resolve(rcpt("dis", "example.com"), 0)).isEqualTo(new Resolution.Disabled());
    }

    @Test
    void bareAndQualifiedPostmasterReachThePrimaryDomainsPostmaster() {
        Local expected =
                new Local(a("postmaster@example.com"), List.of(target("postmaster@example.com", 0)), List.of());
        assertThat(resolver.resolve(rcpt("Postmaster", ""), 0)).isEqualTo(expected);
        assertThat(resolver.resolve(rcpt("POSTMASTER", ""), 0)).isEqualTo(expected);
        assertThat(resolver.resolve(rcpt("postmaster", "EXAMPLE.COM"), 0)).isEqualTo(expected);
        assertThat(resolver.resolve(rcpt("john", ""), 0)).isEqualTo(new Resolution.Unknown());
    }

    @Test
    void mailboxWithRoomAcceptsAMessageThatFits() {
        stores.fill("quota@example.com", 600);
        assertThat(resolver.resolve(rcpt("quota", "example.com"), 400))
                .isEqualTo(new Local(a("quota@example.com"), List.of(target("quota@example.com", 1000)), List.of()));
        assertThat(resolver.resolve(rcpt("quota", "example.com"), 0)).isInstanceOf(Local.class);
    }

    @Test
    void fullMailboxIsTemporarilyOverQuota() {
        stores.fill("quota@example.com", 600);
        assertThat(resolver.resolve(rcpt("quota", "example.com"), 401)).isEqualTo(new Resolution.OverQuota(false));
        stores.fill("quota@example.com", 400);
        assertThat(resolver.resolve(rcpt("quota", "example.com"), 0)).isEqualTo(new Resolution.OverQuota(false));
    }

    @Test
    void declaredSizeLargerThanTheWholeQuotaIsPermanentlyOverQuota() {
        assertThat(resolver.resolve(rcpt("quota", "example.com"), 1001)).isEqualTo(new Resolution.OverQuota(true));
        assertThat(resolver.resolve(rcpt("quota", "example.com"), 1000)).isInstanceOf(Local.class);
    }

    @Test
    void accountWithoutMailboxYetCountsAsEmpty() {
        stores.accounts.createAccount(Account.of("fresh@example.com").withQuota(100));
        assertThat(resolver.resolve(rcpt("fresh", "example.com"), 50)).isInstanceOf(Local.class);
    }

    @Test
    void groupExpandsNestedGroupsAndKeepsRemoteMembersForTheQueue() {
        stores.accounts.createGroup(Group.of("sub@example.com", Set.of(a("anna@example.com"), a("bob@remote.net"))));
        stores.accounts.createGroup(Group.of(
                "team@example.com",
                ordered(a("john@example.com"), a("sub@ex.org"), a("jd@example.com"), a("carol@remote.net"))));

        assertThat(resolver.resolve(rcpt("team", "example.com"), 0))
                .isEqualTo(new Local(
                        a("team@example.com"),
                        List.of(target("john@example.com", 0), target("anna@example.com", 0)),
                        List.of("bob@remote.net", "carol@remote.net")));
    }

    @Test
    void groupCycleIsExpandedOnce() {
        stores.accounts.createGroup(Group.of("a@example.com", ordered(a("john@example.com"), a("b@example.com"))));
        stores.accounts.createGroup(Group.of("b@example.com", ordered(a("anna@example.com"), a("a@example.com"))));

        assertThat(resolver.resolve(rcpt("a", "example.com"), 0))
                .isEqualTo(new Local(
                        a("a@example.com"),
                        List.of(target("john@example.com", 0), target("anna@example.com", 0)),
                        List.of()));
        assertThat(((Local) resolver.resolve(rcpt("b", "example.com"), 0)).mailboxes())
                .containsExactly(target("anna@example.com", 0), target("john@example.com", 0));
    }

    @Test
    void groupsNestedDeeperThanTheLimitAreNotExpanded() {
        stores.accounts.createGroup(Group.of("g2@example.com", Set.of(a("anna@example.com"))));
        stores.accounts.createGroup(Group.of("g1@example.com", Set.of(a("g2@example.com"))));
        stores.accounts.createGroup(Group.of("g0@example.com", ordered(a("john@example.com"), a("g1@example.com"))));

        RecipientResolver shallow = new RecipientResolver(stores.accounts, stores.mailboxes, "example.com", 1, 100);
        assertThat(((Local) shallow.resolve(rcpt("g0", "example.com"), 0)).mailboxes())
                .containsExactly(target("john@example.com", 0));
        assertThat(((Local) resolver.resolve(rcpt("g0", "example.com"), 0)).mailboxes())
                .containsExactly(target("john@example.com", 0), target("anna@example.com", 0));
    }

    @Test
    void groupLargerThanTheLimitFails() {
        stores.accounts.createGroup(
                Group.of("big@example.com", ordered(a("john@example.com"), a("anna@example.com"), a("x@remote.net"))));
        RecipientResolver small = new RecipientResolver(stores.accounts, stores.mailboxes, "example.com", 8, 2);
        assertThatThrownBy(() -> small.resolve(rcpt("big", "example.com"), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("big@example.com");
        assertThat(resolver.resolve(rcpt("big", "example.com"), 0)).isInstanceOf(Local.class);
    }

    @Test
    void groupSkipsDisabledAndStaleMembers() {
        stores.accounts.createGroup(
                Group.of("g@example.com", ordered(a("dis@example.com"), a("gone@example.com"), a("anna@example.com"))));
        assertThat(((Local) resolver.resolve(rcpt("g", "example.com"), 0)).mailboxes())
                .containsExactly(target("anna@example.com", 0));
    }

    @Test
    void groupThatReachesNobodyIsUnknown() {
        stores.accounts.createGroup(Group.of("void@example.com", ordered(a("dis@example.com"), a("gone@example.com"))));
        assertThat(resolver.resolve(rcpt("void", "example.com"), 0)).isEqualTo(new Resolution.Unknown());
    }

    @Test
    void groupWithAFullMemberIsOverQuota() {
        stores.accounts.createGroup(Group.of("g@example.com", ordered(a("john@example.com"), a("quota@example.com"))));
        stores.fill("quota@example.com", 1000);
        assertThat(resolver.resolve(rcpt("g", "example.com"), 0)).isEqualTo(new Resolution.OverQuota(false));
        assertThat(resolver.resolve(rcpt("g", "example.com"), 5000)).isEqualTo(new Resolution.OverQuota(true));
    }

    @Test
    void constructorRejectsBadOptions() {
        assertThatThrownBy(() -> new RecipientResolver(stores.accounts, stores.mailboxes, "bad domain"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("primaryDomain");
        assertThatThrownBy(() -> new RecipientResolver(stores.accounts, stores.mailboxes, "example.com", -1, 1))
                .hasMessageContaining("maxGroupDepth");
        assertThatThrownBy(() -> new RecipientResolver(stores.accounts, stores.mailboxes, "example.com", 1, 0))
                .hasMessageContaining("maxGroupRecipients");
    }

    private static Set<EmailAddress> ordered(EmailAddress... addresses) {
        return new LinkedHashSet<>(List.of(addresses));
    }
}
