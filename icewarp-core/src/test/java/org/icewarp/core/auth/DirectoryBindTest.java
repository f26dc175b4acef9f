package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Credential;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.EmailAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Directory-owned accounts authenticate by LDAP simple bind against UnboundID's in-memory server. */
class DirectoryBindTest {
    private static final AuthResult INVALID = new AuthResult.Failure(AuthResult.Reason.INVALID_CREDENTIALS);

    private InMemoryDirectoryServer ldap;
    private final AccountStore store = Fixtures.store("example.com");
    private final CredentialService credentials = CredentialService.create(Fixtures.fast());
    private Authenticator auth;

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        ldap.add("dn: ou=Users,dc=example,dc=com", "objectClass: organizationalUnit", "ou: Users");
        ldap.add(
                "dn: cn=Anna,ou=Users,dc=example,dc=com",
                "objectClass: inetOrgPerson",
                "cn: Anna",
                "sn: Smith",
                "mail: anna@example.com",
                "userPassword: directory-secret");
        ldap.startListening();

        DirectoryIdentity owned = new DirectoryIdentity("corp", "3f2a-11", Instant.EPOCH, true);
        Account anna = new Account(
                EmailAddress.parse("anna@example.com"),
                Set.of(),
                List.of(new Credential(CredentialService.DIRECTORY_LOGIN, "cn=Anna,ou=Users,dc=example,dc=com")),
                0,
                AccountState.ENABLED,
                "Anna Smith",
                owned);
        // a local password on a directory-owned account must not be what counts
        store.createAccount(credentials.withPassword(anna, "local-password"));
        store.createAccount(credentials.withPassword(Account.of("local@example.com"), "local-password"));
        auth = Authenticator.builder(store)
                .credentials(credentials)
                .directory(DirectoryBindSettings.of(
                        "corp",
                        new DirectoryBindSettings.Server(
                                List.of("ldap://127.0.0.1:" + ldap.getListenPort()), Duration.ofSeconds(5))))
                .serviceLoader(false)
                .build();
    }

    @AfterEach
    void stop() {
        auth.close();
        ldap.shutDown(true);
    }

    private AuthResult login(String user, String password) {
        return auth.authenticate(Fixtures.plain("192.0.2.1", "1", user, password))
                .toCompletableFuture()
                .join();
    }

    @Test
    void aDirectoryOwnedAccountLogsInWithItsDirectoryPassword() {
        AuthResult r = login("anna@example.com", "directory-secret");
        assertThat(r)
                .isInstanceOfSatisfying(
                        AuthResult.Success.class,
                        s -> assertThat(s.account().fullName()).isEqualTo("Anna Smith"));
    }

    @Test
    void aWrongDirectoryPasswordFailsAndTheLocalOneDoesNotCount() {
        assertThat(login("anna@example.com", "wrong")).isEqualTo(INVALID);
        assertThat(login("anna@example.com", "local-password")).isEqualTo(INVALID);
        assertThat(login("anna@example.com", "")).isEqualTo(INVALID);
    }

    @Test
    void localAccountsStillUseTheLocalStore() {
        assertThat(login("local@example.com", "local-password").succeeded()).isTrue();
        assertThat(login("local@example.com", "directory-secret")).isEqualTo(INVALID);
    }

    @Test
    void aDirectoryThatIsDownIsATemporaryFailureNotAWrongPassword() {
        ldap.shutDown(true);
        assertThat(login("anna@example.com", "directory-secret")).isInstanceOf(AuthResult.TemporaryFailure.class);
        assertThat(login("anna@example.com", "wrong")).isInstanceOf(AuthResult.TemporaryFailure.class);
    }

    @Test
    void aBackupServerIsTriedWhenThePrimaryIsDown() throws Exception {
        auth.close();
        InMemoryDirectoryServer dead = new InMemoryDirectoryServer(new InMemoryDirectoryServerConfig("dc=x"));
        dead.startListening();
        int deadPort = dead.getListenPort();
        dead.shutDown(true);
        auth = Authenticator.builder(store)
                .credentials(credentials)
                .directory(DirectoryBindSettings.of(
                        "corp",
                        new DirectoryBindSettings.Server(
                                List.of("ldap://127.0.0.1:" + deadPort, "ldap://127.0.0.1:" + ldap.getListenPort()),
                                Duration.ofSeconds(5))))
                .serviceLoader(false)
                .build();
        assertThat(login("anna@example.com", "directory-secret").succeeded()).isTrue();
    }

    @Test
    void anAccountOfAnUnconfiguredSourceIsATemporaryFailure() {
        auth.close();
        auth = Authenticator.builder(store)
                .credentials(credentials)
                .serviceLoader(false)
                .build();
        assertThat(login("anna@example.com", "directory-secret")).isInstanceOf(AuthResult.TemporaryFailure.class);
    }
}
