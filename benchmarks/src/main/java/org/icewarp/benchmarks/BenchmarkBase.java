package org.icewarp.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one place where the run settings of every benchmark in this module are fixed; benchmarks extend it and inherit
 * them (all of these JMH annotations are {@code @Inherited}, and the generated {@code META-INF/BenchmarkList} shows
 * them applied).
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>Setting</th><th>Value</th><th>Override on the command line</th></tr>
 *   <tr><td>mode</td><td>average time per operation</td><td>{@code -bm}</td></tr>
 *   <tr><td>unit</td><td>nanoseconds</td><td>{@code -tu}</td></tr>
 *   <tr><td>warm-up</td><td>5 iterations of 1 s</td><td>{@code -wi}, {@code -w}</td></tr>
 *   <tr><td>measurement</td><td>5 iterations of 1 s</td><td>{@code -i}, {@code -r}</td></tr>
 *   <tr><td>forks</td><td>2</td><td>{@code -f}</td></tr>
 *   <tr><td>JVM flags</td><td>{@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}: a fixed, pre-touched heap so that heap
 *       resizing and page faults do not land in a measurement</td><td>{@code -jvmArgsAppend}</td></tr>
 * </table>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public abstract class BenchmarkBase {

    /** For subclasses. */
    protected BenchmarkBase() {}
}
