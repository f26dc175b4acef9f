package org.icewarp.benchmarks.storage;

import java.io.IOException;
import java.util.Set;
import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code AccountStore.lookup} with 100,000 accounts (each with one alias) in 10 domains, one of them reached through a
 * domain alias. One operation looks up four addresses: a primary address in a different case, an alias, an address
 * through the domain alias, and an unknown address. Target: under 1 µs per lookup.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AddressLookupBenchmark} ({@code -p provider=fs} for the
 * file-system store, whose setup writes 100,000 account files and takes a while; {@code -p provider=jdbc-h2} or
 * {@code jdbc-postgres} with {@code -p accounts=10000} for the JDBC store, whose lookups after the first are answered
 * by its cache, so the number of accounts changes only the setup time).
 */
@State(Scope.Benchmark)
public class AddressLookupBenchmark extends BenchmarkBase {
    @Param({"memory"})
    public String provider;

    @Param({"100000"})
    public int accounts;

    private Stores.Target target;
    private AccountStore store;
    private EmailAddress[] probes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        target = Stores.target(provider, "lookup-bench");
        store = target.provider().openAccounts(target.settings());
        for (int d = 0; d < 10; d++) {
            store.createDomain(
                    d == 0
                            ? new Domain("d0.example", Set.of("alias.example"), org.icewarp.storage.Options.EMPTY)
                            : Domain.of("d" + d + ".example"));
        }
        for (int i = 0; i < accounts; i++) {
            String domain = "d" + (i % 10) + ".example";
            store.createAccount(Account.of("user" + i + "@" + domain)
                    .withAliases(Set.of(EmailAddress.parse("alias" + i + "@" + domain))));
        }
        probes = new EmailAddress[] {
            EmailAddress.parse("USER12345@D5.example"),
            EmailAddress.parse("alias54321@d1.example"),
            EmailAddress.parse("user50000@alias.example"),
            EmailAddress.parse("nobody@d3.example"),
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        target.cleanUp();
    }

    /** Four lookups: report ns/op ÷ 4 per lookup. */
    @Benchmark
    public void lookupFour(Blackhole bh) {
        for (EmailAddress a : probes) {
            bh.consume(store.lookup(a));
        }
    }
}
