package org.icewarp.core.auth.sasl.internal;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013), the stringprep profile for user names and passwords: map (RFC 3454 table C.1.2 non-ASCII
 * spaces to SPACE, table B.1 to nothing), normalise with NFKC, refuse the prohibited characters of tables C.1.2 to C.9
 * and check the bidirectional rule of RFC 3454 section 6. Unassigned code points are allowed (the "query" profile):
 * the JDK's Unicode version is newer than stringprep's 3.2, so refusing what it calls unassigned would refuse valid
 * modern text.
 */
public final class SaslPrep {
    private SaslPrep() {}

    /**
     * Prepares a string.
     *
     * @param s the string
     * @return the prepared string
     * @throws IllegalArgumentException if it contains a prohibited character or breaks the bidirectional rule; the
     *     message never quotes the input
     */
    public static String prepare(String s) {
        StringBuilder mapped = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean randAl = false;
        boolean l = false;
        int[] cps = normalized.codePoints().toArray();
        for (int cp : cps) {
            if (isProhibited(cp)) {
                throw new IllegalArgumentException(
                        "prohibited character U+" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT));
            }
            byte dir = Character.getDirectionality(cp);
            randAl |= dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            l |= dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        if (randAl && (l || !isRandAl(cps[0]) || !isRandAl(cps[cps.length - 1]))) {
            throw new IllegalArgumentException("mixed or badly delimited right-to-left text");
        }
        return normalized;
    }

    private static boolean isRandAl(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0
                || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200B)
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 3454 table B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD
                || cp == 0x034F
                || cp == 0x1806
                || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D)
                || cp == 0x2060
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    /** RFC 3454 tables C.1.2 (after mapping none remain), C.2.1 to C.9. */
    private static boolean isProhibited(int cp) {
        return cp < 0x20
                || cp == 0x7F // C.2.1
                || (cp >= 0x80 && cp <= 0x9F) // C.2.2
                || cp == 0x06DD
                || cp == 0x070F
                || cp == 0x180E
                || (cp >= 0x200C && cp <= 0x200F) // C.2.2 and C.8
                || (cp >= 0x2028 && cp <= 0x202E) // C.2.2 and C.8
                || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F)
                || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFD) // C.2.2 and C.6
                || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE000 && cp <= 0xF8FF) // C.3
                || cp >= 0xF0000 // C.3 planes 15 and 16
                || (cp >= 0xFDD0 && cp <= 0xFDEF) // C.4
                || (cp & 0xFFFE) == 0xFFFE // C.4: U+nFFFE and U+nFFFF
                || (cp >= 0xD800 && cp <= 0xDFFF) // C.5, unpaired surrogates
                || (cp >= 0x2FF0 && cp <= 0x2FFB) // C.7
                || cp == 0x0340
                || cp == 0x0341 // C.8
                || cp == 0xE0001
                || (cp >= 0xE0020 && cp <= 0xE007F); // C.9
    }
}
