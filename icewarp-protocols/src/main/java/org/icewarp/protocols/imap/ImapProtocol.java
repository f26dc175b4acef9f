package org.icewarp.protocols.imap;

import io.netty.channel.socket.SocketChannel;
import java.security.SecureRandom;
import java.util.Optional;
import org.icewarp.core.service.Refusal;
import org.icewarp.core.service.ServiceProtocol;

/** One running IMAP service: a decoder and a session per connection, sharing one {@link ImapServer}. */
final class ImapProtocol implements ServiceProtocol {
    private final ImapServer server;
    private final SecureRandom random = new SecureRandom();

    ImapProtocol(ImapServer server) {
        this.server = server;
    }

    @Override
    public void initChannel(SocketChannel channel) {
        ImapDecoder decoder = new ImapDecoder(server.settings.maxLineLength(), server.settings.maxLiteralSize());
        channel.pipeline().addLast("imap-decoder", decoder);
        channel.pipeline().addLast("imap-session", new ImapSession(server, decoder, sessionId()));
    }

    @Override
    public Optional<String> refusal(Refusal refusal) {
        return Optional.of(
                refusal == Refusal.TOO_MANY_CONNECTIONS ? "* BYE Too many connections\r\n" : "* BYE Access denied\r\n");
    }

    /** Four hex digits like the seed's logs ({@code [21E4]}), with more when needed to stay unique enough. */
    private String sessionId() {
        return String.format("%06X", random.nextInt(1 << 24));
    }
}
