package org.icewarp.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stuffing and TOP cut, fed whole and split at every byte boundary (chunks never change the output). */
class DotStufferTest {

    private static String run(String input, long lines, int split) {
        byte[] in = input.getBytes(StandardCharsets.US_ASCII);
        DotStuffer s = new DotStuffer(lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a = java.util.Arrays.copyOfRange(in, 0, split);
        byte[] b = java.util.Arrays.copyOfRange(in, split, in.length);
        s.transform(a, a.length, out);
        if (!s.done()) {
            s.transform(b, b.length, out);
        }
        s.finish(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static void assertEverySplit(String input, long lines, String expected) {
        for (int split = 0; split <= input.length(); split++) {
            assertThat(run(input, lines, split)).as("split at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void dotsAtLineStartAreDoubledOnlyThere() {
        assertEverySplit("A: b\r\n\r\n.\r\n..x\r\na.b\r\n.end", -1, "A: b\r\n\r\n..\r\n...x\r\na.b\r\n..end\r\n.\r\n");
    }

    @Test
    void bareLineFeedsBecomeCrlfAndStartLines() {
        assertEverySplit("A: b\n\n.x\nlast\n", -1, "A: b\r\n\r\n..x\r\nlast\r\n.\r\n");
    }

    @Test
    void anEmptyMessageIsJustTheTerminator() {
        assertEverySplit("", -1, ".\r\n");
    }

    @Test
    void topCutsAfterTheHeaderAndNLines() {
        String msg = "A: b\r\nC: d\r\n\r\none\r\n.two\r\nthree\r\n";
        assertEverySplit(msg, 0, "A: b\r\nC: d\r\n\r\n.\r\n");
        assertEverySplit(msg, 2, "A: b\r\nC: d\r\n\r\none\r\n..two\r\n.\r\n");
        assertEverySplit(msg, 9, "A: b\r\nC: d\r\n\r\none\r\n..two\r\nthree\r\n.\r\n");
    }

    @Test
    void topOfAMessageWithoutBodySendsTheWholeHeader() {
        assertEverySplit("A: b\r\nC: d", 3, "A: b\r\nC: d\r\n.\r\n");
    }
}
