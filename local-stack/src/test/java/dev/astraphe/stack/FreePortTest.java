package dev.astraphe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.testsupport.TestServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ports tests start their servers on, chosen long before the servers bind them. */
class FreePortTest {

    /**
     * Below 32768, where Linux starts handing out local ports to outgoing connections (macOS and Windows at 49152):
     * none of the connections the apps open while they start can take a port chosen for one of them.
     */
    @Test
    void portsAreDistinctBindableAndOutsideTheRangeOfOutgoingConnections() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = TestServices.freePort();
            assertThat(port).isBetween(1024, 32_767);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
        for (int port : ports.stream().limit(20).toList()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("0.0.0.0", port));
            }
        }
    }
}
