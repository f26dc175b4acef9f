package org.icewarp.protocols.smtp;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.icewarp.storage.DsnNotify;

/** The values of the DSN parameters of RFC 3461 ({@code NOTIFY}, {@code ORCPT}, {@code RET}, {@code ENVID}). */
final class DsnParameters {

    /** RFC 3461 section 4.4: an ENVID is at most 100 characters. */
    static final int MAX_ENVID = 100;
    /** RFC 3461 section 4.2: an ORCPT value is at most 500 characters. */
    static final int MAX_ORCPT = 500;

    private DsnParameters() {}

    /** {@code NOTIFY=NEVER} or a comma-separated list of {@code SUCCESS}, {@code FAILURE}, {@code DELAY}. */
    static Set<DsnNotify> notify(EsmtpParameters p) {
        String value = p.value();
        if (value.equalsIgnoreCase("NEVER")) {
            return EnumSet.of(DsnNotify.NEVER);
        }
        EnumSet<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int stop = comma < 0 ? value.length() : comma;
            String item = value.substring(start, stop);
            if (item.equalsIgnoreCase("SUCCESS")) {
                notify.add(DsnNotify.SUCCESS);
            } else if (item.equalsIgnoreCase("FAILURE")) {
                notify.add(DsnNotify.FAILURE);
            } else if (item.equalsIgnoreCase("DELAY")) {
                notify.add(DsnNotify.DELAY);
            } else {
                throw p.invalidValue("NEVER alone, or a list of SUCCESS, FAILURE and DELAY");
            }
            start = stop + 1;
        }
        return notify;
    }

    /** {@code RET=FULL} or {@code RET=HDRS}. */
    static Ret ret(EsmtpParameters p) {
        String value = p.value();
        if (value.equalsIgnoreCase("FULL")) {
            return Ret.FULL;
        }
        if (value.equalsIgnoreCase("HDRS")) {
            return Ret.HDRS;
        }
        throw p.invalidValue("FULL or HDRS");
    }

    /** {@code ENVID=xtext}: decoded, printable ASCII, at most 100 characters. */
    static String envelopeId(EsmtpParameters p) {
        String id = XText.decode(p.value()).orElseThrow(() -> p.invalidValue("not xtext"));
        if (id.length() > MAX_ENVID) {
            throw p.invalidValue("longer than 100 characters");
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < 0x20 || id.charAt(i) > 0x7e) {
                throw p.invalidValue("not printable ASCII");
            }
        }
        return id;
    }

    /**
     * {@code ORCPT=addr-type;value}: {@code rfc822} and unknown types carry xtext (RFC 3461 section 4.2), {@code
     * utf-8} carries the RFC 6533 form whose {@code \x{HEX}} escapes are decoded; raw non-ASCII only with {@code
     * SMTPUTF8}. The decoded address must be non-empty and free of control characters (it ends up in DSN headers).
     */
    static String originalRecipient(EsmtpParameters p, boolean utf8) {
        String value = p.value();
        if (value.length() > MAX_ORCPT) {
            throw p.invalidValue("longer than 500 characters");
        }
        int semicolon = value.indexOf(';');
        if (semicolon <= 0) {
            throw p.invalidValue("expected addr-type;address");
        }
        for (int i = 0; i < semicolon; i++) {
            if (!SmtpPaths.isAtext(value.charAt(i))) {
                throw p.invalidValue("malformed addr-type");
            }
        }
        String type = value.substring(0, semicolon);
        String encoded = value.substring(semicolon + 1);
        Optional<String> address;
        if (type.equalsIgnoreCase("utf-8")) {
            type = "utf-8";
            address = decodeUtf8Address(encoded, utf8);
        } else {
            if (type.equalsIgnoreCase("rfc822")) {
                type = "rfc822";
            }
            address = XText.decode(encoded);
        }
        String decoded = address.filter(a -> !a.isEmpty() && !hasControl(a))
                .orElseThrow(() -> p.invalidValue("malformed address"));
        return type + ';' + decoded;
    }

    /**
     * RFC 6533 section 3 {@code utf-8-addr-xtext} / {@code utf-8-addr-unitext}: printable ASCII except {@code \} and
     * {@code =}, raw UTF-8 (only in SMTPUTF8 transactions), and {@code \x{HEX}} for any code point. A {@code +} is
     * taken literally, as in the raw {@code utf-8-address} form.
     */
    static Optional<String> decodeUtf8Address(String encoded, boolean utf8) {
        StringBuilder out = new StringBuilder(encoded.length());
        int n = encoded.length();
        for (int i = 0; i < n; i++) {
            char c = encoded.charAt(i);
            if (c == '\\') {
                if (i + 3 >= n || encoded.charAt(i + 1) != 'x' || encoded.charAt(i + 2) != '{') {
                    return Optional.empty();
                }
                int close = encoded.indexOf('}', i + 3);
                if (close < 0 || close == i + 3 || close - (i + 3) > 6) {
                    return Optional.empty();
                }
                int cp = 0;
                for (int k = i + 3; k < close; k++) {
                    int digit = Character.digit(encoded.charAt(k), 16);
                    if (digit < 0 || encoded.charAt(k) >= 0x80) {
                        return Optional.empty();
                    }
                    cp = cp << 4 | digit;
                }
                if (cp > Character.MAX_CODE_POINT || cp >= 0xd800 && cp <= 0xdfff) {
                    return Optional.empty();
                }
                out.appendCodePoint(cp);
                i = close;
            } else if (c >= 0x80) {
                if (!utf8) {
                    return Optional.empty();
                }
                out.append(c);
            } else if (c <= 0x20 || c == 0x7f) {
                return Optional.empty();
            } else {
                out.append(c);
            }
        }
        String s = out.toString();
        // an unpaired surrogate in the raw form is not UTF-8
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }

    /** C0, DEL and C1 controls. */
    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.getType(s.charAt(i)) == Character.CONTROL) {
                return true;
            }
        }
        return false;
    }
}
