package org.icewarp.protocols.pop3;

import io.netty.channel.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.icewarp.core.service.Refusal;
import org.icewarp.core.service.ServiceProtocol;

/** One running POP3 service: a decoder and a session per connection, sharing one {@link Pop3Server}. */
final class Pop3Protocol implements ServiceProtocol {
    private static final char[] ID_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final Pop3Server server;
    private final int decoderLineLimit;
    private final SecureRandom random = new SecureRandom();

    Pop3Protocol(Pop3Server server) {
        this.server = server;
        // AUTH responses carry base64 SASL messages and are exempt from the command limit (RFC 5034 section 4)
        int sasl = server.sasl.maxMessageSize() / 3 * 4 + 64;
        this.decoderLineLimit = Math.max(server.settings.maxLineLength(), sasl);
    }

    @Override
    public void initChannel(SocketChannel channel) {
        Pop3Decoder decoder = new Pop3Decoder(decoderLineLimit);
        channel.pipeline().addLast("pop3-decoder", decoder);
        channel.pipeline().addLast("pop3-session", new Pop3Session(server, decoder, sessionId()));
    }

    @Override
    public Optional<String> refusal(Refusal refusal) {
        Pop3Reply reply = refusal == Refusal.TOO_MANY_CONNECTIONS
                ? server.replies.reply(Pop3Replies.Key.BUSY)
                : server.replies.reply(Pop3Replies.Key.ACCESS_DENIED);
        return Optional.of(new String(reply.encode(), StandardCharsets.US_ASCII));
    }

    @Override
    public Map<String, Long> counters() {
        return server.statistics.asCounters();
    }

    private String sessionId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
