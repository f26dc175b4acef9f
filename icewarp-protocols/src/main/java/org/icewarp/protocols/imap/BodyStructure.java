package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BODY and BODYSTRUCTURE (RFC 3501 section 7.4.2): the MIME structure of a message as IMAP writes it. BODYSTRUCTURE
 * adds the extension data (MD5 as NIL, disposition, language and location).
 */
final class BodyStructure {
    private BodyStructure() {}

    static String render(MimePart part, boolean extensible) {
        if (part.isMultipart()) {
            StringBuilder out = new StringBuilder("(");
            for (MimePart child : part.children) {
                out.append(render(child, extensible));
            }
            out.append(' ').append(ImapStrings.string(part.subtype));
            if (extensible) {
                out.append(' ')
                        .append(parameters(part.parameters))
                        .append(' ')
                        .append(disposition(part))
                        .append(' ')
                        .append(language(part))
                        .append(' ')
                        .append(ImapStrings.string(part.field("Content-Location")));
            }
            return out.append(')').toString();
        }
        String type = part.type.equals("multipart") ? "text" : part.type;
        String subtype = part.type.equals("multipart") ? "plain" : part.subtype;
        StringBuilder out = new StringBuilder("(")
                .append(ImapStrings.string(type))
                .append(' ')
                .append(ImapStrings.string(subtype))
                .append(' ')
                .append(parameters(part.parameters))
                .append(' ')
                .append(ImapStrings.string(part.field("Content-ID")))
                .append(' ')
                .append(ImapStrings.string(part.field("Content-Description")))
                .append(' ')
                .append(ImapStrings.string(encoding(part)))
                .append(' ')
                .append(part.bodySize());
        if (part.message != null) {
            out.append(' ')
                    .append(Envelope.render(part.message))
                    .append(' ')
                    .append(render(part.message, extensible))
                    .append(' ')
                    .append(part.bodyLines());
        } else if (type.equals("text")) {
            out.append(' ').append(part.bodyLines());
        }
        if (extensible) {
            out.append(" NIL ")
                    .append(disposition(part))
                    .append(' ')
                    .append(language(part))
                    .append(' ')
                    .append(ImapStrings.string(part.field("Content-Location")));
        }
        return out.append(')').toString();
    }

    private static String encoding(MimePart part) {
        String e = part.field("Content-Transfer-Encoding");
        if (e == null || e.isBlank()) {
            return "7BIT";
        }
        HeaderTokens t = new HeaderTokens(e);
        String token = t.token();
        return token == null ? "7BIT" : token.toUpperCase(Locale.ROOT);
    }

    private static String parameters(Map<String, String> params) {
        if (params.isEmpty()) {
            return "NIL";
        }
        List<String> out = new ArrayList<>();
        params.forEach((k, v) -> out.add(ImapStrings.string(k) + " " + ImapStrings.string(v)));
        return "(" + String.join(" ", out) + ")";
    }

    private static String disposition(MimePart part) {
        String value = part.field("Content-Disposition");
        if (value == null) {
            return "NIL";
        }
        HeaderTokens t = new HeaderTokens(value);
        String kind = t.token();
        if (kind == null) {
            return "NIL";
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        while (t.skip(';')) {
            String name = t.token();
            if (name == null || !t.skip('=')) {
                break;
            }
            String v = t.tokenOrQuoted();
            if (v == null) {
                break;
            }
            params.put(name.toLowerCase(Locale.ROOT), v);
        }
        return "(" + ImapStrings.string(kind.toLowerCase(Locale.ROOT)) + " " + parameters(params) + ")";
    }

    private static String language(MimePart part) {
        String value = part.field("Content-Language");
        return value == null ? "NIL" : ImapStrings.string(value.trim());
    }
}
