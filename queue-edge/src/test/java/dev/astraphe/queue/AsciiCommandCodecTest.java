package dev.astraphe.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiCommandCodecTest {

    @Test
    void argumentsAreWrittenWithTheirExactLengthsAndRepliesReadAsUtf8() {
        CommandArgs<String, String> args = new CommandArgs<>(AsciiCommandCodec.INSTANCE)
                .addKey("astraphe:q:{1001}:line").add("5000001").add("");
        ByteBuf out = Unpooled.buffer();
        args.encode(out);

        assertThat(out.toString(StandardCharsets.US_ASCII))
                .isEqualTo("$22\r\nastraphe:q:{1001}:line\r\n$7\r\n5000001\r\n$0\r\n\r\n");
        assertThat(AsciiCommandCodec.INSTANCE.isEstimateExact()).isTrue();
        assertThat(AsciiCommandCodec.INSTANCE.decodeValue(ByteBuffer.wrap("{\"displayName\":\"김민지\"}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("{\"displayName\":\"김민지\"}");
    }

    @Test
    void onlyAsciiTextIsSent() {
        assertThat(QueueRedis.ascii("astraphe:session:sessions:9f1c", "lastAccessedTime")).isTrue();
        assertThat(QueueRedis.ascii("astraphe:session:sessions:é")).isFalse();
        assertThat(QueueRedis.ascii("민지")).isFalse();
    }
}
