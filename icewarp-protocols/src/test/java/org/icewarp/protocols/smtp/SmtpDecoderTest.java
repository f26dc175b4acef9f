package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder alone, fed whole and split at every byte boundary: command lines, DATA end detection and
 * dot-unstuffing, bare line endings (the smuggling forms), BDAT chunks, limits, pausing.
 */
class SmtpDecoderTest {

    /** A stand-in session: records what the decoder produces and plays the session's part in mode switches. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final SmtpDecoder decoder;
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream content = new ByteArrayOutputStream();

        Recorder(SmtpDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof SmtpInput.Line line) {
                events.add("line:" + line.text());
                String upper = line.text().toUpperCase();
                if (upper.equals("DATA")) {
                    decoder.expectData(1000);
                } else if (upper.startsWith("BDAT ")) {
                    decoder.expectChunk(Long.parseLong(upper.split(" ")[1]), 1000);
                }
            } else if (msg instanceof SmtpInput.LineTooLong) {
                events.add("too-long");
            } else if (msg instanceof SmtpInput.Content c) {
                byte[] b = new byte[c.bytes().readableBytes()];
                c.bytes().readBytes(b);
                c.bytes().release();
                content.write(b, 0, b.length);
            } else if (msg instanceof SmtpInput.ContentEnd end) {
                events.add("content:" + content.toString(StandardCharsets.ISO_8859_1) + "|bare=" + end.bareLineEndings()
                        + "|large=" + end.tooLarge() + "|size=" + end.size());
                content.reset();
            }
            decoder.resume();
        }
    }

    private static List<String> decode(boolean normalise, byte[] input, int split) {
        SmtpDecoder decoder = new SmtpDecoder(64, normalise);
        Recorder recorder = new Recorder(decoder);
        EmbeddedChannel channel = new EmbeddedChannel(decoder, recorder);
        if (split <= 0 || split >= input.length) {
            channel.writeInbound(Unpooled.wrappedBuffer(input));
        } else {
            channel.writeInbound(Unpooled.wrappedBuffer(input, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(input, split, input.length - split));
        }
        channel.finishAndReleaseAll();
        return recorder.events;
    }

    /** Decodes whole and at every split point, asserting the same result each time. */
    private static List<String> decodeEverySplit(boolean normalise, String input) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = decode(normalise, bytes, 0);
        for (int split = 1; split < bytes.length; split++) {
            assertThat(decode(normalise, bytes, split)).as("split at %d", split).isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void commandLinesArePipelinedOneAtATime() {
        assertThat(decodeEverySplit(true, "EHLO a\r\nMAIL FROM:<x@y>\r\nNOOP\n"))
                .containsExactly("line:EHLO a", "line:MAIL FROM:<x@y>", "line:NOOP");
    }

    @Test
    void dataEndsOnlyAtCrLfDotCrLfAndDotsAreUnstuffed() {
        assertThat(decodeEverySplit(true, "DATA\r\nSubject: x\r\n\r\n..one\r\n.\r\nNOOP\r\n"))
                .containsExactly(
                        "line:DATA", "content:Subject: x\r\n\r\n.one\r\n|bare=false|large=false|size=20", "line:NOOP");
    }

    @Test
    void anEmptyMessageIsJustTheTerminator() {
        assertThat(decodeEverySplit(true, "DATA\r\n.\r\n"))
                .containsExactly("line:DATA", "content:|bare=false|large=false|size=0");
    }

    @Test
    void smugglingFormsAreContentNotTheEndOfData() {
        // LF.CRLF, CRLF.LF, LF.LF and CR.CR never end the data; only the final CRLF.CRLF does
        String input = "DATA\r\nA\n.\r\nMAIL FROM:<evil@x>\r\n.\nB\r\n.\r\nRSET\r\n";
        List<String> normalised = decodeEverySplit(true, input);
        assertThat(normalised)
                .containsExactly(
                        "line:DATA",
                        "content:A\r\n.\r\nMAIL FROM:<evil@x>\r\n\r\nB\r\n|bare=true|large=false|size=31",
                        "line:RSET");
        List<String> raw = decodeEverySplit(false, input);
        assertThat(raw).hasSize(3);
        assertThat(raw.get(1))
                .startsWith("content:A\n.\r\nMAIL FROM:<evil@x>\r\n\nB\r\n")
                .contains("bare=true");
        assertThat(raw.get(2)).isEqualTo("line:RSET");
    }

    @Test
    void bareCarriageReturnsAreReportedAndNormalised() {
        assertThat(decodeEverySplit(true, "DATA\r\na\rb\r\r\n.\r\n"))
                .containsExactly("line:DATA", "content:a\r\nb\r\n\r\n|bare=true|large=false|size=8");
    }

    @Test
    void contentOverTheAllowanceIsCountedAndDropped() {
        String big = "x".repeat(600) + "\r\n";
        List<String> events = decodeEverySplit(true, "DATA\r\n" + big + big + ".\r\nQUIT\r\n");
        assertThat(events.get(1)).endsWith("|large=true|size=1204");
        assertThat(events.get(1).length()).isLessThan("content:".length() + 1001 + 40);
        assertThat(events.get(2)).isEqualTo("line:QUIT");
    }

    @Test
    void bdatChunksAreRawAndFollowedByTheNextCommand() {
        assertThat(decodeEverySplit(true, "BDAT 5\r\na\r\n.\nBDAT 3 LAST\r\nxyzQUIT\r\n"))
                .containsExactly(
                        "line:BDAT 5",
                        "content:a\r\n.\n|bare=false|large=false|size=5",
                        "line:BDAT 3 LAST",
                        "content:xyz|bare=false|large=false|size=3",
                        "line:QUIT");
    }

    @Test
    void aLineOverTheLimitIsReportedOnceAndTheNextLineStillWorks() {
        String longLine = "NOOP " + "y".repeat(200) + "\r\n";
        assertThat(decodeEverySplit(true, longLine + "RSET\r\n")).containsExactly("too-long", "line:RSET");
    }

    @Test
    void nothingIsDecodedWhileTheSessionHasNotResumed() {
        SmtpDecoder decoder = new SmtpDecoder(64, true);
        List<String> seen = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add(((SmtpInput.Line) msg).text());
            }
        });
        channel.writeInbound(Unpooled.copiedBuffer("NOOP\r\nRSET\r\nQUIT\r\n", StandardCharsets.US_ASCII));
        assertThat(seen).containsExactly("NOOP");
        decoder.resume();
        assertThat(seen).containsExactly("NOOP", "RSET");
        assertThat(decoder.discardBufferedInput()).isEqualTo("QUIT\r\n".length());
        decoder.resume();
        assertThat(seen).containsExactly("NOOP", "RSET");
        channel.finishAndReleaseAll();
    }

    @Test
    void randomInputNeverThrows() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] input = new byte[random.nextInt(300)];
            for (int j = 0; j < input.length; j++) {
                int pick = random.nextInt(10);
                input[j] = (byte) (pick < 2 ? '\r' : pick < 4 ? '\n' : pick < 5 ? '.' : random.nextInt(256));
            }
            byte[] prefixed = new byte[input.length + 6];
            System.arraycopy("DATA\r\n".getBytes(StandardCharsets.US_ASCII), 0, prefixed, 0, 6);
            System.arraycopy(input, 0, prefixed, 6, input.length);
            decode(random.nextBoolean(), random.nextBoolean() ? input : prefixed, random.nextInt(50));
        }
        ByteBuf probe = Unpooled.buffer();
        assertThat(probe.refCnt()).isEqualTo(1);
        probe.release();
    }
}
