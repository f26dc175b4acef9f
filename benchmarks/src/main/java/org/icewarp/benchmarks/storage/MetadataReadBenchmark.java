package org.icewarp.benchmarks.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code MailboxStore.messages(ALL)} on a folder of 10,000 messages: what an IMAP SELECT followed by a FETCH of
 * FLAGS for everything costs. Run: {@code java -jar benchmarks/target/benchmarks.jar MetadataReadBenchmark}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetadataReadBenchmark extends BenchmarkBase {
    static final EmailAddress ACCOUNT = EmailAddress.parse("bench@example.com");

    @Param({"memory", "fs", "jdbc-h2", "jdbc-postgres"})
    public String provider;

    @Param({"10000"})
    public int messages;

    private Stores.Target target;
    private MailboxStore store;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        target = Stores.target(provider, "metadata-bench");
        store = target.provider().openMailboxes(target.settings());
        store.createMailbox(ACCOUNT);
        byte[] m = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < messages; i++) {
            store.append(ACCOUNT, FolderName.INBOX, new ByteArrayInputStream(m), AppendRequest.at(Instant.EPOCH));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        target.cleanUp();
    }

    /** All metadata of the folder. */
    @Benchmark
    public List<MessageMetadata> readAll() {
        return store.messages(ACCOUNT, FolderName.INBOX, UidSet.ALL);
    }
}
