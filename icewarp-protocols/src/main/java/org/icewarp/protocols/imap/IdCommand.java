package org.icewarp.protocols.imap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ID (RFC 2971): the client's identification is logged (at most 30 pairs, RFC 2971 section 3.3); the server answers
 * with its name.
 */
final class IdCommand implements ImapProcessor<IdCommand.Request> {
    /** @param fields the client's pairs; empty for NIL */
    record Request(Map<String, String> fields) {
        Request {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        Map<String, String> fields = new LinkedHashMap<>();
        if (arguments.peek() == '(') {
            arguments.expect('(');
            while (arguments.peek() != ')') {
                if (!fields.isEmpty()) {
                    arguments.sp();
                }
                String key = arguments.string();
                arguments.sp();
                String value = arguments.nstring();
                if (key.length() > 30 || (value != null && value.length() > 1024) || fields.size() >= 30) {
                    throw new ImapParseException("ID field too long or too many fields");
                }
                fields.put(key, value == null ? "NIL" : value);
            }
            arguments.expect(')');
        } else if (arguments.nstring() != null) {
            throw new ImapParseException("expected a list or NIL");
        }
        arguments.end();
        return new Request(fields);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        if (!request.fields().isEmpty()) {
            session.server()
                    .context
                    .log()
                    .summary("{} {} client id {}", session.id(), session.remote(), request.fields());
        }
        session.untagged("ID (\"name\" \"IceWarp\" \"vendor\" \"IceWarp\")");
        session.ok(tag, "ID completed");
    }
}
