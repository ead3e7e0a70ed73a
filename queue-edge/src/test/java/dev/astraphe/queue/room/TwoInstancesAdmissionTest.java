package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.QueueEdgeApplication;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.shared.queue.QueueKeys;
import dev.astraphe.testsupport.TestServices;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Two queue-edge processes' worth of application contexts, sharing only Redis, each running its scheduler. */
class TwoInstancesAdmissionTest {

    private ConfigurableApplicationContext one;
    private ConfigurableApplicationContext two;

    @AfterEach
    void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    void twoInstancesAdmitExactlyNShoppersPerTick() {
        one = start();
        two = start();
        ReactiveStringRedisTemplate redis = one.getBean(ReactiveStringRedisTemplate.class);
        QueueStore store = one.getBean(QueueStore.class);
        long product = TestSales.newProductId();
        // admission begins in 3 s, by when everyone holds a place; then 2 every second
        SaleSchedule sale = TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(60),
                Duration.ofSeconds(63), 2, 1, 1000));
        long now = System.currentTimeMillis();
        for (long user = 1; user <= 12; user++) {
            assertThat(store.join(sale, user, "", now).block().outcome()).isEqualTo(QueueStore.Outcome.PLACE);
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stat(redis, product, QueueKeys.STAT_ADMITTED) == 12);

        String lastTick = redis.<String, String>opsForHash().get(QueueKeys.stats(product), "lastTick").block();
        long admittedInTicks = 0;
        // ticks are named by the instant they start: every second from the admission start up to the last that ran
        long interval = sale.admissionIntervalSeconds() * 1000L;
        for (long k = sale.admissionStartsAt().toEpochMilli(); k <= Long.parseLong(lastTick); k += interval) {
            String inTick = redis.opsForValue().get(QueueKeys.tickBudget(product, k)).block();
            if (inTick != null) {
                assertThat(Long.parseLong(inTick)).as("tick %d", k).isEqualTo(2);
                admittedInTicks += 2;
            }
        }
        assertThat(admittedInTicks).isEqualTo(12);

        // each admission made by one instance alone, and counted by it (whichever instance won each tick)
        assertThat(admissionsCounted(one, product) + admissionsCounted(two, product)).isEqualTo(12);
        // in line order across the instances' ticks: no place is admitted before an earlier one
        Map<String, String> admittedAt = redis.<String, String>opsForHash().entries(QueueKeys.admitted(product))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
        assertThat(admittedAt).hasSize(12);
        for (long user = 2; user <= 12; user++) {
            assertThat(Long.parseLong(admittedAt.get(Long.toString(user))))
                    .as("shopper %d, behind %d in line, admitted no earlier", user, user - 1)
                    .isGreaterThanOrEqualTo(Long.parseLong(admittedAt.get(Long.toString(user - 1))));
        }
    }

    private static double admissionsCounted(ConfigurableApplicationContext instance, long product) {
        Counter counter = instance.getBean(MeterRegistry.class).find("astraphe.queue.admissions")
                .tag("product", Long.toString(product)).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long stat(ReactiveStringRedisTemplate redis, long product, String field) {
        String v = redis.<String, String>opsForHash().get(QueueKeys.stats(product), field).block();
        return v == null ? 0 : Long.parseLong(v);
    }

    private static ConfigurableApplicationContext start() {
        List<String> props = List.of(
                "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + TestServices.redisPort(),
                "server.port=0",
                "management.server.port=0",
                "astraphe.queue.tick-period=50ms",
                // no broker here: the schedule consumer and topic creation stay idle
                "spring.kafka.admin.auto-create=false",
                "spring.kafka.listener.auto-startup=false");
        // as command-line arguments: they win over application.yaml, as a deployment's environment would
        return new SpringApplicationBuilder(QueueEdgeApplication.class).web(WebApplicationType.REACTIVE)
                .run(props.stream().map(p -> "--" + p).toArray(String[]::new));
    }
}
