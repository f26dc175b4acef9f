package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decoder fed whole and split at every byte boundary; limits; random and truncated input. */
class ImapDecoderTest {

    /** Feeds {@code input} in pieces cut at {@code cuts}, resuming after each command, and collects the inputs. */
    private static Result feed(ImapDecoder decoder, byte[] input, int... cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<ImapInput> out = new ArrayList<>();
        int start = 0;
        List<Integer> bounds = new ArrayList<>();
        for (int c : cuts) {
            bounds.add(c);
        }
        bounds.add(input.length);
        for (int end : bounds) {
            channel.writeInbound(Unpooled.wrappedBuffer(input, start, end - start));
            start = end;
            drain(channel, decoder, out);
        }
        StringBuilder written = new StringBuilder();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            written.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        channel.finishAndReleaseAll();
        return new Result(out, written.toString());
    }

    private static void drain(EmbeddedChannel channel, ImapDecoder decoder, List<ImapInput> out) {
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            out.add((ImapInput) msg);
            decoder.resume();
        }
    }

    private record Result(List<ImapInput> inputs, String written) {
        List<String> commands() {
            return inputs.stream()
                    .map(i -> i instanceof ImapInput.Command c
                            ? new String(c.bytes(), StandardCharsets.UTF_8)
                            : i.toString())
                    .toList();
        }
    }

    private static ImapDecoder decoder() {
        return new ImapDecoder(100, 1000);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandIsDecodedTheSameWhenSplitAtEveryByteBoundary() {
        String input = "a1 NOOP\r\na2 LOGIN {4}\r\njohn {6+}\r\nsecret\r\na3 APPEND INBOX (\\Seen) {5}\r\nhello\r\n"
                + "a4 SELECT \"In\\\"box\"\r\n";
        List<String> expected = List.of(
                "a1 NOOP",
                "a2 LOGIN {4}\r\njohn {6+}\r\nsecret",
                "a3 APPEND INBOX (\\Seen) {5}\r\nhello",
                "a4 SELECT \"In\\\"box\"");
        byte[] b = bytes(input);
        Result whole = feed(decoder(), b);
        assertThat(whole.commands()).isEqualTo(expected);
        // two synchronising literals, two continuations; {6+} gets none
        assertThat(whole.written()).isEqualTo("+ Ready for literal data\r\n".repeat(2));
        for (int cut = 1; cut < b.length; cut++) {
            Result split = feed(decoder(), b, cut);
            assertThat(split.commands()).as("split at %d", cut).isEqualTo(expected);
            assertThat(split.written()).as("split at %d", cut).isEqualTo(whole.written());
        }
    }

    @Test
    void aLineOverTheLimitIsSkippedAndReportedWithItsTag() {
        String input = "t7 NOOP " + "x".repeat(200) + "\r\nt8 NOOP\r\n";
        byte[] b = bytes(input);
        for (int cut = 1; cut < b.length; cut++) {
            Result r = feed(decoder(), b, cut);
            assertThat(r.inputs()).as("split at %d", cut).hasSize(2);
            assertThat(r.inputs().get(0)).isEqualTo(new ImapInput.TooLong("t7"));
            assertThat(r.commands().get(1)).isEqualTo("t8 NOOP");
        }
    }

    @Test
    void aSynchronisingLiteralOverTheLimitIsRefusedWithoutAContinuation() {
        Result r = feed(decoder(), bytes("t1 APPEND INBOX {5000}\r\nt2 NOOP\r\n"));
        assertThat(r.inputs()).hasSize(2);
        assertThat(r.inputs().get(0)).isEqualTo(new ImapInput.TooBig("t1"));
        assertThat(r.commands().get(1)).isEqualTo("t2 NOOP");
        assertThat(r.written()).isEmpty();
    }

    @Test
    void aNonSynchronisingLiteralOverTheLimitIsReadDroppedAndRefused() {
        String input = "t1 APPEND INBOX {1500+}\r\n" + "y".repeat(1500) + "\r\nt2 NOOP\r\n";
        byte[] b = bytes(input);
        for (int cut : new int[] {1, 20, 30, 1000, 1520, b.length - 3}) {
            Result r = feed(decoder(), b, cut);
            assertThat(r.inputs()).as("split at %d", cut).hasSize(2);
            assertThat(r.inputs().get(0)).isEqualTo(new ImapInput.TooBig("t1"));
            assertThat(r.commands().get(1)).isEqualTo("t2 NOOP");
            assertThat(r.written()).isEmpty();
        }
    }

    @Test
    void literalsAddingUpOverTheLimitAreRefused() {
        String input = "t1 X {600+}\r\n" + "a".repeat(600) + " {600+}\r\n" + "b".repeat(600) + "\r\nt2 NOOP\r\n";
        Result r = feed(decoder(), bytes(input));
        assertThat(r.inputs().get(0)).isEqualTo(new ImapInput.TooBig("t1"));
        assertThat(r.commands().get(1)).isEqualTo("t2 NOOP");
    }

    @Test
    void randomAndTruncatedInputNeverThrowsAndTheDecoderKeepsGoing() {
        Random random = new Random(42);
        String alphabet = "ab1 {}+-\r\n\"\\()*%[]<>.:";
        for (int round = 0; round < 300; round++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(300);
            for (int i = 0; i < n; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            s.append("\r\n\r\nz9 NOOP\r\n");
            byte[] b = bytes(s.toString());
            Result r = feed(decoder(), b, random.nextInt(b.length));
            assertThat(r.inputs()).isNotNull();
        }
    }
}
