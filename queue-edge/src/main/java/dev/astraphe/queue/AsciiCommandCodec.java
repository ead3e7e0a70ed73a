package dev.astraphe.queue;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Lettuce codec for queue-edge's own commands: keys and arguments written as ASCII, replies read as UTF-8.
 *
 * <p>Everything queue-edge sends on its connections is ASCII (key names, user and product ids, times, counts, session
 * ids and field names). Lettuce writes an argument straight into the command's buffer only when its codec knows
 * the exact encoded size up front; for UTF-8 it encodes every argument into a temporary pooled buffer first and
 * copies it over (a join's script has 21 arguments). Replies may hold any text (the stored login's JSON carries
 * names), so they are decoded as UTF-8.
 *
 * <p>{@link QueueRedis} refuses a command with an argument that is not ASCII before it reaches Lettuce (see
 * {@link #isAscii}); this codec itself never throws, because a failure while Lettuce encodes a command can leave
 * the connection's replies out of step with its commands.
 */
final class AsciiCommandCodec implements RedisCodec<String, String>, ToByteBufEncoder<String, String> {

    static final AsciiCommandCodec INSTANCE = new AsciiCommandCodec();

    private AsciiCommandCodec() {
    }

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return StringCodec.UTF8.decodeKey(bytes);
    }

    @Override
    public String decodeValue(ByteBuffer bytes) {
        return StringCodec.UTF8.decodeValue(bytes);
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return ByteBuffer.wrap(key.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public ByteBuffer encodeValue(String value) {
        return encodeKey(value);
    }

    @Override
    public void encodeKey(String key, ByteBuf target) {
        ByteBufUtil.writeAscii(target, key);
    }

    @Override
    public void encodeValue(String value, ByteBuf target) {
        ByteBufUtil.writeAscii(target, value);
    }

    /** One byte a character: exact for ASCII, which is all that is sent. */
    @Override
    public int estimateSize(Object keyOrValue) {
        return keyOrValue == null ? 0 : ((String) keyOrValue).length();
    }

    @Override
    public boolean isEstimateExact() {
        return true;
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
