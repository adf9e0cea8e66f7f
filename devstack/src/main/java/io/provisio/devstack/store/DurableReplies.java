package io.provisio.devstack.store;

import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;

/**
 * Holds a write's reply on its connection until the {@link GroupCommit} has put the write on disk. The backend
 * marks the connection with the write's ticket before the server writes the reply; this handler, just before the
 * server's request handler in the connection's pipeline, sees that reply (one message, not yet encoded) leave and
 * sends it on once the commit is done. A client sends one request per connection at a time and waits for its
 * reply, so the marked reply is always the next one written.
 */
@ChannelHandler.Sharable
final class DurableReplies extends ChannelOutboundHandlerAdapter {

    private static final String NAME = "provisio-durable-replies";
    private static final AttributeKey<Long> TICKET = AttributeKey.valueOf(DurableReplies.class, "ticket");

    private final GroupCommit groupCommit;

    DurableReplies(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
    }

    /** Called on the connection's event loop after a write was applied: its reply, next, waits for that ticket. */
    void holdNextReply(Channel channel, long ticket) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) == null) {
            pipeline.addBefore(pipeline.context(MongoDatabaseHandler.class).name(), NAME, this);
        }
        channel.attr(TICKET).set(ticket);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        Long ticket = ctx.channel().attr(TICKET).getAndSet(null);
        if (ticket == null) {
            ctx.write(msg, promise);
            return;
        }
        groupCommit.whenDurable(ticket, () -> ctx.executor().execute(() -> ctx.writeAndFlush(msg, promise)));
    }
}
