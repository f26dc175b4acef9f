package org.icewarp.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line decoder fed whole and split at every byte boundary; one line per resume; STLS discards the rest. */
class Pop3DecoderTest {

    /** Feeds {@code input} in two parts and collects everything decoded, resuming after each line. */
    private static List<Object> decode(String input, int split, int limit) {
        Pop3Decoder decoder = new Pop3Decoder(limit);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        List<Object> out = new ArrayList<>();
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
        drain(ch, decoder, out);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
        drain(ch, decoder, out);
        ch.finishAndReleaseAll();
        return out;
    }

    private static void drain(EmbeddedChannel ch, Pop3Decoder decoder, List<Object> out) {
        Object m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
            decoder.resume();
        }
    }

    @Test
    void linesAreDecodedAlikeAtEverySplit() {
        String input = "USER john\r\nPASS a b c\nLIST 1\r\n\r\n";
        List<Object> expected = List.of(
                new Pop3Input.Line("USER john"),
                new Pop3Input.Line("PASS a b c"),
                new Pop3Input.Line("LIST 1"),
                new Pop3Input.Line(""));
        for (int split = 0; split <= input.length(); split++) {
            assertThat(decode(input, split, 100)).as("split at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void aLineOverTheLimitIsReportedOnceAtEverySplitAndDecodingGoesOn() {
        String input = "NOOP " + "x".repeat(40) + "\r\nSTAT\r\n";
        List<Object> expected = List.of(new Pop3Input.LineTooLong(), new Pop3Input.Line("STAT"));
        for (int split = 0; split <= input.length(); split++) {
            assertThat(decode(input, split, 20)).as("split at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void theDecoderWaitsForResumeAfterEachLine() {
        Pop3Decoder decoder = new Pop3Decoder(100);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.copiedBuffer("STAT\r\nLIST\r\n", StandardCharsets.US_ASCII));
        assertThat((Object) ch.readInbound()).isEqualTo(new Pop3Input.Line("STAT"));
        assertThat((Object) ch.readInbound()).isNull();
        decoder.resume();
        assertThat((Object) ch.readInbound()).isEqualTo(new Pop3Input.Line("LIST"));
        ch.finishAndReleaseAll();
    }

    @Test
    void discardingDropsPipelinedInputBehindStls() {
        Pop3Decoder decoder = new Pop3Decoder(100);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.copiedBuffer("STLS\r\nUSER evil\r\nPAS", StandardCharsets.US_ASCII));
        assertThat((Object) ch.readInbound()).isEqualTo(new Pop3Input.Line("STLS"));
        assertThat(decoder.discardBufferedInput()).isEqualTo("USER evil\r\nPAS".length());
        decoder.resume();
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.copiedBuffer("NOOP\r\n", StandardCharsets.US_ASCII));
        assertThat((Object) ch.readInbound()).isEqualTo(new Pop3Input.Line("NOOP"));
        ch.finishAndReleaseAll();
    }
}
