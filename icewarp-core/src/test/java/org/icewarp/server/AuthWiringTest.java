package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.CredentialService;
import org.icewarp.core.auth.Mechanism;
import org.icewarp.core.auth.PasswordSettings;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.log.LogLevel;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;
import org.icewarp.storage.Account;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.junit.jupiter.api.Test;

/** The server builds one authenticator from system.auth and hands it to every service. */
class AuthWiringTest {

    private static ServiceFactory recorder(List<ServiceContext> contexts) {
        return new ServiceFactory() {
            @Override
            public String type() {
                return "recorder";
            }

            @Override
            public String defaultModule() {
                return "recorder";
            }

            @Override
            public List<Integer> defaultPorts() {
                return List.of(0);
            }

            @Override
            public boolean enabledByDefault() {
                return true;
            }

            @Override
            public ServiceProtocol create(ServiceContext context) {
                contexts.add(context);
                return channel -> channel.close();
            }
        };
    }

    @Test
    void servicesShareTheServersAuthenticatorAndItsLogLevelFollowsAReload() throws Exception {
        List<ServiceContext> contexts = new CopyOnWriteArrayList<>();
        PasswordSettings fast = PasswordSettings.builder()
                .argon2MemoryKib(64)
                .argon2Iterations(1)
                .scramIterations(16)
                .build();
        ServerConfig config = ServerConfig.builder()
                .passwords(fast)
                .auth(AuthSettings.builder().plainWithoutTls(true).build())
                .build();
        try (IceWarpServer server = IceWarpServer.builder()
                .serviceFactory(recorder(contexts))
                .config(config)
                .build()) {
            server.start();
            ServiceContext c = contexts.get(0);
            assertThat(c.authenticator()).isSameAs(server.authenticator());
            c.accounts().createDomain(Domain.of("t.com"));
            c.accounts().createAccount(Account.of("b@t.com"));
            CredentialService.create(fast).setPassword(c.accounts(), EmailAddress.parse("b@t.com"), "right");
            AuthRequest login = AuthRequest.password(
                    "recorder", InetAddress.getLoopbackAddress(), "1", false, "b@t.com", Mechanism.PLAIN, "right");
            assertThat(c.authenticator()
                            .authenticate(login)
                            .toCompletableFuture()
                            .join()
                            .succeeded())
                    .isTrue();
            assertThat(c.authenticator().policy().isAllowed(Mechanism.PLAIN, "recorder", false))
                    .isTrue();

            server.apply(config.toBuilder()
                    .auth(AuthSettings.builder()
                            .plainWithoutTls(true)
                            .logLevel(LogLevel.EXTENDED)
                            .build())
                    .build());
            assertThat(server.authenticator().log().level()).isEqualTo(LogLevel.EXTENDED);
            assertThat(server.config().auth().logLevel()).isEqualTo(LogLevel.EXTENDED);
        }
    }

    @Test
    void theServersAuthenticatorGetsTheSaslSettingsAndTheTrustedAddresses() throws Exception {
        List<ServiceContext> contexts = new CopyOnWriteArrayList<>();
        SaslSettings sasl = SaslSettings.builder()
                .oauth(SaslSettings.OAuth.verifier("fixed"))
                .build();
        ServerConfig config = ServerConfig.builder()
                .sasl(sasl)
                .trustedIps("127.0.0.1")
                .auth(AuthSettings.builder().maxIpFailures(1).build())
                .build();
        try (IceWarpServer server = IceWarpServer.builder()
                .serviceFactory(recorder(contexts))
                .config(config)
                .build()) {
            server.start();
            assertThat(server.authenticator().configuredSasl()).isEqualTo(sasl);
            assertThat(server.authenticator().tokenVerifier().orElseThrow().id())
                    .isEqualTo("fixed");
            // one failure would block an untrusted address; the trusted loopback is never blocked
            for (int i = 0; i < 3; i++) {
                server.authenticator()
                        .authenticate(AuthRequest.password(
                                "recorder",
                                InetAddress.getLoopbackAddress(),
                                "1",
                                true,
                                "x@t.com",
                                Mechanism.PLAIN,
                                "x"))
                        .toCompletableFuture()
                        .join();
            }
            assertThat(server.authenticator().unblock(InetAddress.getLoopbackAddress()))
                    .isFalse();
        }
    }
}
