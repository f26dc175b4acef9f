package org.icewarp.protocols.smtp;

/**
 * Unwinds the argument parsers to {@link SmtpArguments}, which turns it into a {@link Parsed.Invalid}; it never leaves
 * this package. It has no stack trace, so a refused command costs one small allocation.
 */
final class ArgumentRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** At most this many characters of client input are quoted in a detail text. */
    static final int MAX_QUOTED = 64;

    private final ArgumentError error;

    ArgumentRejection(ArgumentError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }

    ArgumentError error() {
        return error;
    }

    String detail() {
        return getMessage();
    }

    /**
     * Client input made safe to quote in a reply: at most {@value #MAX_QUOTED} characters (then {@code ...}), anything
     * outside printable ASCII as {@code ?}.
     */
    static String quote(CharSequence input, int start, int end) {
        int stop = Math.min(end, start + MAX_QUOTED);
        StringBuilder out = new StringBuilder(stop - start + 5).append('"');
        for (int i = start; i < stop; i++) {
            char c = input.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        out.append('"');
        if (stop < end) {
            out.append("...");
        }
        return out.toString();
    }
}
