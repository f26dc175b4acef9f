package org.icewarp.samples.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as an administrator writes them: {@code 0}, {@code 1048576}, {@code 500K}, {@code 500M}, {@code 2G}. */
final class ByteSize {
    /** Digits, then an optional binary unit (K = 1024 bytes) with an optional {@code B} or {@code iB}. */
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(?:([KMGT])(?:I?B)?|B)?");

    private ByteSize() {}

    /**
     * Parses a size.
     *
     * @throws IllegalArgumentException naming the value when it is not a size or exceeds {@link Long#MAX_VALUE} bytes
     */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a size (bytes, or a number with K, M, G or T, for example 500M; 0 =" + " unlimited)");
        }
        int shift = m.group(2) == null ? 0 : 10 * ("KMGT".indexOf(m.group(2).charAt(0)) + 1);
        try {
            long n = Long.parseLong(m.group(1));
            if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size", e);
        }
    }
}
