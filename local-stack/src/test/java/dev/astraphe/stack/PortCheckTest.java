package dev.astraphe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    private static final Map<String, String> NONE = Map.of();

    @Test
    void defaultsCoverEveryFixedPort() {
        StackPorts ports = StackPorts.resolve(NONE::get, NONE::get);
        assertThat(ports.all()).extracting(StackPorts.Port::number).containsExactly(
                15432, 16379, 19092, 19093, 19090, 19191, 8080, 8081, 8082, 9080, 9081, 9082, 9083);
    }

    @Test
    void environmentOverridesAndSystemPropertyWins() {
        Map<String, String> env = Map.of("ASTRAPHE_PORT_STOREFRONT", "18080", "ASTRAPHE_PORT_KAFKA_CONTROLLER", "29093");
        Map<String, String> props = Map.of("astraphe.port.storefront", "28080");
        StackPorts ports = StackPorts.resolve(env::get, props::get);
        assertThat(ports.get("storefront")).isEqualTo(28080);
        assertThat(ports.get("kafka-controller")).isEqualTo(29093);
        assertThat(ports.get("redis")).isEqualTo(16379);
    }

    @Test
    void rejectsANonNumericOverride() {
        Map<String, String> env = Map.of("ASTRAPHE_PORT_REDIS", "six");
        assertThatThrownBy(() -> StackPorts.resolve(env::get, NONE::get))
                .hasMessageContaining("ASTRAPHE_PORT_REDIS");
    }

    @Test
    void reportsWhichComponentWantedATakenPort() {
        Set<Integer> busy = Set.of(16379, 8081);
        StackPorts ports = StackPorts.resolve(NONE::get, NONE::get);

        List<StackPorts.Port> taken = new PortCheck(busy::contains).taken(ports);

        assertThat(taken).extracting(StackPorts.Port::component).containsExactly("Redis", "queue-edge");
        assertThat(PortCheck.message(taken))
                .contains("port 16379 is already in use; Redis needs it (move it with ASTRAPHE_PORT_REDIS=<port>)")
                .contains("port 8081 is already in use; queue-edge needs it")
                .contains("nothing was started")
                .endsWith("ss -ltnp | grep -E ':(16379|8081)\\b'");
    }

    @Test
    void aStopNamesThePortsSomethingElseStillHoldsWithoutSayingNothingWasStarted() {
        StackPorts ports = StackPorts.resolve(NONE::get, NONE::get);
        List<StackPorts.Port> taken = new PortCheck(Set.of(8081, 9081)::contains).taken(ports);

        assertThat(PortCheck.stillInUse(taken))
                .contains("port 8081 (queue-edge)\n").contains("port 9081 (queue-edge management)\n")
                .contains("left running")
                .doesNotContain("nothing was started")
                .endsWith("ss -ltnp | grep -E ':(8081|9081)\\b'");
    }

    @Test
    void noConflictWhenAllFree() {
        assertThat(new PortCheck(port -> false).taken(StackPorts.resolve(NONE::get, NONE::get))).isEmpty();
    }
}
