package org.icewarp.protocols.smtp;

import io.netty.channel.socket.SocketChannel;
import java.util.Map;
import java.util.Optional;
import org.icewarp.core.service.Refusal;
import org.icewarp.core.service.ServiceProtocol;

/** One running SMTP service: a decoder and a session per connection, sharing one {@link SmtpServer}. */
final class SmtpProtocol implements ServiceProtocol {
    private static final char[] ID_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final SmtpServer server;
    private final int decoderLineLimit;

    SmtpProtocol(SmtpServer server) {
        this.server = server;
        // AUTH lines carry base64 SASL messages, which may be longer than a command line (RFC 4954 section 4)
        int sasl = server.sasl.maxMessageSize() / 3 * 4 + 64;
        this.decoderLineLimit = Math.max(server.settings.maxLineLength(), sasl);
    }

    @Override
    public void initChannel(SocketChannel channel) {
        SmtpDecoder decoder = new SmtpDecoder(decoderLineLimit, server.settings.normaliseBareLineEndings());
        channel.pipeline().addLast("smtp-decoder", decoder);
        channel.pipeline().addLast("smtp-session", new SmtpSession(server, decoder, sessionId()));
    }

    @Override
    public Optional<String> refusal(Refusal refusal) {
        SmtpReply reply = refusal == Refusal.TOO_MANY_CONNECTIONS
                ? server.replies.reply(SmtpReplies.Key.BUSY)
                : server.replies.reply(SmtpReplies.Key.ACCESS_DENIED);
        return Optional.of(new String(reply.encode(), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public Map<String, Long> counters() {
        return server.statistics.asCounters();
    }

    private String sessionId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            // an identifier for logs, not a secret
            id[i] = ID_CHARS[java.util.concurrent.ThreadLocalRandom.current().nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
