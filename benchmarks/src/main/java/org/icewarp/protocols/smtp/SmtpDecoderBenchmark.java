package org.icewarp.protocols.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.icewarp.benchmarks.BenchmarkBase;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The SMTP command decoder ({@link SmtpDecoder}) on its own, in a Netty {@link EmbeddedChannel} (no sockets, no
 * session): what the event loop spends turning bytes into {@link SmtpInput}s.
 *
 * <ul>
 *   <li>{@code pipelinedCommands}: one pipelined envelope of ten command lines in one buffer ({@code MAIL FROM} with
 *       parameters, eight {@code RCPT TO}, {@code DATA}), decoded line by line with the decoder resumed after each one
 *       as the session does. One operation is the whole batch.
 *   <li>{@code dataBody}: a 50 KB DATA body of 78-column lines in which every tenth line is dot-stuffed, ending with
 *       {@code CRLF . CRLF}: dot-unstuffing and end detection. One operation is the whole body.
 * </ul>
 *
 * <p>Run in throughput mode (operations per second); the {@code bytes} secondary result is the decoded input in bytes
 * per second (divide by 1,048,576 for MB/s):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SmtpDecoderBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 *
 * <p>It sits in the decoder's own package because the decoder is package-private.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class SmtpDecoderBenchmark extends BenchmarkBase {
    private static final int BODY_SIZE = 50 * 1024;

    private SmtpDecoder decoder;
    private EmbeddedChannel channel;
    private ByteBuf commands;
    private ByteBuf body;

    /** Input bytes decoded, reported by JMH as a rate next to the operations. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Bytes {
        /** Bytes decoded in this iteration. */
        public long bytes;

        /** Zeroes the count for each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** For JMH. */
    public SmtpDecoderBenchmark() {}

    /** Builds the decoder, its channel and the two inputs. */
    @Setup
    public void setUp() {
        decoder = new SmtpDecoder(2048, true);
        channel = new EmbeddedChannel(decoder);
        StringBuilder c = new StringBuilder("MAIL FROM:<sender@remote.example> SIZE=51200 BODY=8BITMIME\r\n");
        for (int i = 0; i < 8; i++) {
            c.append("RCPT TO:<user").append(i).append("@example.com> NOTIFY=FAILURE\r\n");
        }
        c.append("DATA\r\n");
        commands = Unpooled.unreleasableBuffer(
                Unpooled.copiedBuffer(c.toString(), StandardCharsets.US_ASCII).asReadOnly());
        StringBuilder b = new StringBuilder("Subject: benchmark\r\n\r\n");
        String line = "x".repeat(76);
        for (int i = 0; b.length() < BODY_SIZE; i++) {
            b.append(i % 10 == 0 ? ".." : "").append(line).append("\r\n");
        }
        b.append(".\r\n");
        body = Unpooled.unreleasableBuffer(
                Unpooled.copiedBuffer(b.toString(), StandardCharsets.US_ASCII).asReadOnly());
    }

    /** Closes the channel. */
    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /**
     * Ten pipelined command lines.
     *
     * @return the number of lines decoded (10), so that the work is not eliminated
     */
    @Benchmark
    public int pipelinedCommands(Bytes bytes) {
        channel.writeInbound(commands.duplicate());
        int lines = 0;
        while (true) {
            Object in = channel.readInbound();
            if (in == null) {
                if (!decoder.paused()) {
                    break;
                }
                decoder.resume();
                if (channel.inboundMessages().isEmpty()) {
                    break;
                }
                continue;
            }
            if (in instanceof SmtpInput.Line) {
                lines++;
            }
        }
        bytes.bytes += commands.readableBytes();
        return lines;
    }

    /**
     * A 50 KB dot-stuffed DATA body up to and including its end marker.
     *
     * @return the content size the decoder counted, so that the work is not eliminated
     */
    @Benchmark
    public long dataBody(Bytes bytes) {
        decoder.expectData(Long.MAX_VALUE);
        channel.writeInbound(body.duplicate());
        long size = -1;
        Object in;
        while ((in = channel.readInbound()) != null) {
            if (in instanceof SmtpInput.Content content) {
                content.bytes().release();
            } else if (in instanceof SmtpInput.ContentEnd end) {
                size = end.size();
            }
        }
        decoder.resume();
        bytes.bytes += body.readableBytes();
        return size;
    }
}
