package org.icewarp.benchmarks.storage;

import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.storage.MailboxPathLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code MailboxPathLayout.segments} for eight aliases of different lengths (validation included), flat and
 * alphabetical with the seed's 4/2 and 6/3. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * MailboxPathLayoutBenchmark}.
 */
@State(Scope.Benchmark)
public class MailboxPathLayoutBenchmark extends BenchmarkBase {
    @Param({"flat", "4/2", "6/3"})
    public String layout;

    private MailboxPathLayout paths;
    private final String[] aliases = {"john", "alexander", "mike1", "jo", "george.w", "x", "very.long.alias.name", "b2"
    };

    @Setup
    public void setUp() {
        if (layout.equals("flat")) {
            paths = MailboxPathLayout.flat();
        } else {
            String[] p = layout.split("/");
            paths = MailboxPathLayout.alphabetical(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }
    }

    /** Eight aliases: report ns/op ÷ 8 per alias. */
    @Benchmark
    public void eightAliases(Blackhole bh) {
        for (String alias : aliases) {
            bh.consume(paths.segments(alias));
        }
    }
}
