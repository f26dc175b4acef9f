package org.icewarp.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our IPv6 parser reads every text form to the same address as the JDK's literal parser. */
class Ipv6TextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "::",
                "::1",
                "1::",
                "2001:db8::1",
                "2001:0db8:0000:0000:0000:0000:0000:0001",
                "fe80::1:2",
                "1:2:3:4:5:6:7:8",
                "1:2:3:4:5:6::8",
                "1::3:4:5:6:7:8",
                "::2:3:4:5:6:7:8",
                "1:2:3:4:5:6:7::",
                "::ffff:10.0.0.1",
                "::10.0.0.1",
                "64:ff9b::192.0.2.33",
                "1:2:3:4:5:6:1.2.3.4",
                "FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF",
                "0:0:0:0:0:0:0:0"
            })
    void parsesLikeTheJdk(String text) throws Exception {
        assertThat(Ipv6Text.parseAddress(text)).isEqualTo(jdk(text));
    }

    @Test
    void randomAddressesInTheJdksTextFormParseBack() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            // zero runs, so that the JDK's text has "::" often
            int zeros = random.nextInt(16);
            int start = random.nextInt(16 - zeros + 1);
            for (int j = start; j < start + zeros; j++) {
                bytes[j] = 0;
            }
            String text = TestAddresses.ipv6(bytes).getHostAddress();

            assertThat(Ipv6Text.parseAddress(text)).as(text).isEqualTo(fromBytes(bytes));
        }
    }

    private static Uint128 jdk(String text) throws Exception {
        byte[] bytes = InetAddress.getByName(text).getAddress();
        if (bytes.length == 4) { // the JDK turns ::ffff:a.b.c.d into an Inet4Address
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return fromBytes(bytes);
    }

    private static Uint128 fromBytes(byte[] bytes) {
        BigInteger value = new BigInteger(1, bytes);
        return new Uint128(value.shiftRight(64).longValue(), value.longValue());
    }
}
