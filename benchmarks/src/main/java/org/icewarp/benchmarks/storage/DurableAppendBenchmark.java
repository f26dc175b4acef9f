package org.icewarp.benchmarks.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable append of a 4 KB message to one folder, by 1 and by 8 concurrent appenders, in appends per second (all
 * threads together). Every append is durable when it returns, so without group commit the 8-appender rate would be
 * capped near the 1-appender rate by fsync; the target is at least 5× the 1-appender rate.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DurableAppendBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DurableAppendBenchmark extends BenchmarkBase {
    static final EmailAddress ACCOUNT = EmailAddress.parse("bench@example.com");

    @Param({"fs", "jdbc-h2", "jdbc-postgres"})
    public String provider;

    private Stores.Target target;
    private MailboxStore store;
    private final byte[] message = new byte[4096];
    private final AppendRequest request = AppendRequest.at(Instant.parse("2026-11-23T10:00:00Z"));

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        target = Stores.target(provider, "append-bench");
        store = target.provider().openMailboxes(target.settings());
        store.createMailbox(ACCOUNT);
        byte[] header = "Subject: benchmark\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Arrays.fill(message, (byte) 'x');
        System.arraycopy(header, 0, message, 0, header.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        target.cleanUp();
    }

    /** One appender. */
    @Benchmark
    @Threads(1)
    public long appendOneThread() {
        return store.append(ACCOUNT, FolderName.INBOX, new ByteArrayInputStream(message), request)
                .uid();
    }

    /** Eight appenders on the same folder. */
    @Benchmark
    @Threads(8)
    public long appendEightThreads() {
        return store.append(ACCOUNT, FolderName.INBOX, new ByteArrayInputStream(message), request)
                .uid();
    }
}
