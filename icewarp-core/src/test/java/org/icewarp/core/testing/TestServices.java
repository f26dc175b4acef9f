package org.icewarp.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import java.util.List;
import java.util.Optional;
import org.icewarp.core.service.Refusal;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;

/** Service types for the kernel's tests: an echo service that words its refusals, and a bulk sender. */
public final class TestServices {
    private TestServices() {}

    /** Echoes every byte; refuses with {@code DENIED} or {@code BUSY} lines. */
    public static ServiceFactory echo(String type, String module) {
        return new Factory(type, module) {
            @Override
            public ServiceProtocol create(ServiceContext context) {
                return new ServiceProtocol() {
                    @Override
                    public void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
                            }
                        });
                    }

                    @Override
                    public Optional<String> refusal(Refusal refusal) {
                        return Optional.of(refusal == Refusal.ACCESS_DENIED ? "DENIED\r\n" : "BUSY\r\n");
                    }
                };
            }
        };
    }

    /** Sends {@code bytes} bytes on connect, then closes. */
    public static ServiceFactory blast(String type, int bytes) {
        return new Factory(type, type) {
            @Override
            public ServiceProtocol create(ServiceContext context) {
                return channel -> channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        int chunk = 16 * 1024;
                        for (int sent = 0; sent < bytes; sent += chunk) {
                            ByteBuf b = Unpooled.buffer(Math.min(chunk, bytes - sent));
                            b.writeZero(b.capacity());
                            ctx.write(b);
                        }
                        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                    }
                });
            }
        };
    }

    /** On connect, runs {@code action} on the event loop, sends what it returns, and closes. */
    public static ServiceFactory onConnect(String type, java.util.function.Supplier<String> action) {
        return new Factory(type, type) {
            @Override
            public ServiceProtocol create(ServiceContext context) {
                return channel -> channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(
                                        Unpooled.copiedBuffer(action.get(), java.nio.charset.StandardCharsets.US_ASCII))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                });
            }
        };
    }

    private abstract static class Factory implements ServiceFactory {
        private final String type;
        private final String module;

        Factory(String type, String module) {
            this.type = type;
            this.module = module;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public String defaultModule() {
            return module;
        }

        @Override
        public List<Integer> defaultPorts() {
            return List.of(0);
        }

        @Override
        public boolean enabledByDefault() {
            return false;
        }
    }
}
