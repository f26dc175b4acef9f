package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.tools.Server;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.StorageUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database goes away under appends (a proxy between the pool and the database is cut), comes back, and the store
 * recovers by itself; every append that returned is there afterwards, read directly from the database.
 */
class OutageTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");

    @TempDir
    Path dir;

    private TestDatabase database;
    private Server h2;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    /** Where the database listens, and its URL with host and port replaced. */
    private record Route(String host, int port, String url) {}

    private Route route(Engine engine) throws Exception {
        if (engine == Engine.H2) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", dir.toString())
                    .start();
            return new Route("127.0.0.1", h2.getPort(), "jdbc:h2:tcp://127.0.0.1:PORT/outage;LOCK_TIMEOUT=30000");
        }
        String url = database.options().get("url");
        URI uri = URI.create(url.substring("jdbc:".length()));
        int port = uri.getPort() > 0 ? uri.getPort() : engine == Engine.POSTGRES ? 5432 : 3306;
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        return new Route(uri.getHost(), port, url.replace("//" + hostPort, "//127.0.0.1:PORT"));
    }

    private static MailboxStore open(String url) {
        Map<String, String> o = new HashMap<>();
        o.put("url", url);
        o.put("pool.connection-timeout", "1000");
        o.put("pool.minimum-idle", "1");
        o.put("notify.poll-interval", "100");
        return new JdbcStorageProvider().openMailboxes(StorageSettings.of(Options.of(o)));
    }

    private static InputStream message(long n) {
        return new ByteArrayInputStream(
                ("Subject: " + n + "\r\n\r\nbody " + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void appendsFailAsUnavailableWhileTheDatabaseIsGoneAndResumeWithNothingAcknowledgedLost(Engine engine)
            throws Exception {
        engine.require();
        if (engine != Engine.H2) {
            database = engine.fresh(dir);
        }
        Route route = route(engine);
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger afterRestore = new AtomicInteger();
        AtomicBoolean restored = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        try (CuttableProxy proxy = new CuttableProxy(route.host(), route.port());
                MailboxStore store = open(route.url().replace("PORT", Integer.toString(proxy.port())))) {
            store.createMailbox(JOHN);
            Thread appender = new Thread(() -> {
                for (long n = 0; !stop.get(); n++) {
                    try {
                        AppendResult r =
                                store.append(JOHN, FolderName.INBOX, message(n), AppendRequest.at(Instant.EPOCH));
                        acknowledged.put(r.uid(), "Subject: " + n + "\r\n\r\nbody " + n + "\r\n");
                        if (restored.get()) {
                            afterRestore.incrementAndGet();
                        }
                    } catch (StorageUnavailableException e) {
                        unavailable.incrementAndGet();
                    } catch (Throwable t) {
                        unexpected.set(t);
                        return;
                    }
                }
            });
            appender.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 20);
                proxy.cut();
                await().atMost(Duration.ofSeconds(30)).until(() -> unavailable.get() >= 2);
                int before = acknowledged.size();
                proxy.restore();
                restored.set(true);
                await().atMost(Duration.ofSeconds(60)).until(() -> afterRestore.get() >= 20);
                assertThat(acknowledged.size()).isGreaterThan(before);
            } finally {
                stop.set(true);
                appender.join(30_000);
            }
            assertThat(unexpected.get())
                    .as("only StorageUnavailableException while the database is gone")
                    .isNull();
        }
        String direct = engine == Engine.H2
                ? route.url().replace("PORT", Integer.toString(route.port()))
                : database.options().get("url");
        try (MailboxStore check = open(direct)) {
            for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
                try (InputStream in = check.open(JOHN, FolderName.INBOX, e.getKey())) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                            .as("acknowledged UID %d", e.getKey())
                            .isEqualTo(e.getValue());
                }
            }
            assertThat(check.status(JOHN, FolderName.INBOX).messages()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }
}
