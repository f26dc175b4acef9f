package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.MailboxStore;
import org.icewarp.testkit.storage.CrashTarget;
import org.icewarp.testkit.storage.MailboxStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox contract, with the SIGKILL crash harness, on one engine; a fresh database per store. */
abstract class JdbcMailboxContractBase implements MailboxStoreContract {
    @TempDir
    Path dir;

    private ContractFixture<MailboxStore> fixture;

    abstract Engine engine();

    @BeforeEach
    void requireEngine() {
        engine().require();
        fixture = new ContractFixture<>(engine(), s -> new JdbcStorageProvider().openMailboxes(s));
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    public MailboxStore mailboxStore() {
        return fixture.fresh(dir);
    }

    @Override
    public MailboxStore reopen(MailboxStore store) {
        try {
            return fixture.reopen(store);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the contract's streaming check, which measures the bytes the calling thread <em>allocates</em> and
     * requires less than a quarter of the message. No JDBC driver can pass its read half: a driver allocates every
     * byte it receives from the server (PostgreSQL: 55 MB allocated to read 50 MB, in 256 KiB chunks), and H2 and the
     * MariaDB driver also allocate while writing. What the contract means, that the message is never held whole, is
     * checked here instead: a child JVM whose heap (40 MB) is smaller than the 50 MB message appends it and reads it
     * back, and the digests must match; a store that buffered the message would die of {@link OutOfMemoryError}.
     */
    @Override
    @Test
    public void aFiftyMegabyteMessageStreamsInAndOutWithoutBeingHeldInMemory() throws Exception {
        long size = 50L * 1024 * 1024;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx40m",
                "-cp",
                System.getProperty("java.class.path"),
                BoundedHeapChild.class.getName(),
                Long.toString(size)));
        fixture.database(dir).options().forEach((k, v) -> command.add(k + "=" + v));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        String[] ok = output.lines()
                .filter(l -> l.startsWith("OK "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(output))
                .split(" ");
        assertThat(Long.parseLong(ok[1])).as("stored size").isEqualTo(size);
        assertThat(Long.parseLong(ok[2])).as("bytes read back").isEqualTo(size);
        assertThat(ok[4]).as("digest of what was read back").isEqualTo(ok[3]);
    }

    /** The crash harness's children open a fresh database of this engine. */
    @Override
    public Optional<CrashTarget> crashTarget() {
        return Optional.of(new CrashTarget("jdbc", fixture.database(dir).options()));
    }
}
