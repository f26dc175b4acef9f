package org.icewarp.protocols.passwd;

import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.util.Map;
import java.util.Optional;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.service.Refusal;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceProtocol;

/** One running change-password service: a line decoder and a {@link PasswdSession} per connection. */
final class PasswdProtocol implements ServiceProtocol {
    private final ServiceContext context;
    private final PasswdSettings settings;
    private final Authenticator authenticator;
    private final PasswdStatistics statistics = new PasswdStatistics();

    PasswdProtocol(ServiceContext context, PasswdSettings settings, Authenticator authenticator) {
        this.context = context;
        this.settings = settings;
        this.authenticator = authenticator;
    }

    @Override
    public void initChannel(SocketChannel channel) {
        channel.pipeline()
                // strips the line end; a longer line fails at once (TooLongFrameException → 500, closed)
                .addLast("passwd-lines", new LineBasedFrameDecoder(settings.maxLineLength(), true, true))
                .addLast("passwd-session", new PasswdSession(context, settings, authenticator, statistics));
    }

    @Override
    public Optional<String> refusal(Refusal refusal) {
        return Optional.of("500 Service unavailable\r\n");
    }

    @Override
    public Map<String, Long> counters() {
        return statistics.asCounters();
    }
}
