package dev.astraphe.queue.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.astraphe.queue.QueueEdgeApplication;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.StockLevelChanged;
import dev.astraphe.shared.events.Topics;
import dev.astraphe.shared.queue.QueueKeys;
import dev.astraphe.testsupport.TestServices;
import dev.astraphe.testsupport.UsesKafka;
import dev.astraphe.testsupport.UsesRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order pipeline's stock levels reach the sale hash the waiting room reads (its polls' sold out and all units
 * held, its ticks' units), through the real topic.
 */
@SpringBootTest(classes = QueueEdgeApplication.class)
@UsesRedis
@UsesKafka
class StockLevelMaterialisationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant STARTED = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
    private static KafkaProducer<String, String> producer;

    @Autowired StringRedisTemplate redis;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void levelsReachTheSaleInVersionOrderAndSoldOutIsFinal() {
        long id = newProductId();
        schedule(id, 0, STARTED);

        level(id, 1, STARTED, 3, 0);
        awaitSale(id, Map.of("available", "3", "soldOut", "0", "allHeld", "0"));
        level(id, 2, STARTED, 0, 2);
        awaitSale(id, Map.of("available", "0", "soldOut", "0", "allHeld", "1"));
        // an order expired: a unit is back, and admission goes on
        level(id, 3, STARTED, 1, 1);
        awaitSale(id, Map.of("available", "1", "allHeld", "0"));
        // a late record of version 2 changes nothing
        level(id, 2, STARTED, 0, 0);
        level(id, 4, STARTED, 0, 0);
        awaitSale(id, Map.of("available", "0", "soldOut", "1", "allHeld", "0", "stockVersion", "4"));
        // a refund after the sell-out: the waiting pages stopped polling on it, and the sale stays sold out
        level(id, 5, STARTED, 2, 0);
        awaitSale(id, Map.of("available", "2", "soldOut", "1", "stockVersion", "5"));
    }

    @Test
    void aLevelOfAnotherSaleOfTheProductIsNotTaken() {
        // the sale Redis has started a minute ago; a level of the product's sale before arrives late
        long sold = newProductId();
        schedule(sold, 3, STARTED);
        level(sold, 7, STARTED.minus(Duration.ofDays(2)), 0, 0);
        // read before its schedule (the topics are read side by side): kept until the schedule says whose it is
        long early = newProductId();
        level(early, 1, STARTED.minus(Duration.ofDays(2)), 0, 0);
        long ownEarly = newProductId();
        level(ownEarly, 1, STARTED, 0, 4);
        awaitSale(ownEarly, Map.of("stockHeld", "4"));
        assertThat(redis.opsForHash().get(QueueKeys.sale(ownEarly), "allHeld")).as("no sale to hold yet").isNull();
        schedule(early, 0, STARTED);
        schedule(ownEarly, 0, STARTED);
        awaitSale(sold, Map.of("stockVersion", "7"));
        // and a marker after them all on the same partition: once it is in, everything before it was read
        level(sold, 8, STARTED, 5, 0);

        awaitSale(sold, Map.of("available", "5", "soldOut", "0", "stockVersion", "8"));
        awaitSale(early, Map.of("scheduleVersion", "0"));
        assertThat(redis.opsForHash().multiGet(QueueKeys.sale(early), List.of("available", "soldOut", "allHeld")))
                .as("another sale's level").containsOnlyNulls();
        assertThat(redis.opsForHash().get(QueueKeys.sale(ownEarly), "allHeld")).as("its own sale's level").isEqualTo("1");
    }

    @Test
    void aPostponedSaleKeepsItsLevelAndTakesLevelsOfItsNewStart() {
        long id = newProductId();
        schedule(id, 0, STARTED);
        level(id, 1, STARTED, 0, 2);
        awaitSale(id, Map.of("allHeld", "1"));
        Instant later = STARTED.plus(Duration.ofHours(1));
        schedule(id, 1, later);
        awaitSale(id, Map.of("scheduleVersion", "1", "allHeld", "1", "stockSaleStartsAt", Long.toString(later.toEpochMilli())));

        level(id, 2, later, 2, 0);
        awaitSale(id, Map.of("available", "2", "allHeld", "0"));
    }

    @Test
    void aLevelOfTheNextSaleReadBeforeItsScheduleCountsOnceTheProductIsSoldAgain() {
        long id = newProductId();
        Instant first = STARTED.minus(Duration.ofDays(1));
        send(Topics.SALE_SCHEDULES, id, JSON.writeValueAsString(new SaleScheduleChanged(1, id, 7, "재판매 " + id, 0, first,
                first.plus(Duration.ofHours(1)), 5, 10, 30, 50, 2, false, "SCHEDULED", Instant.now())));
        level(id, 5, first, 0, 0);
        awaitSale(id, Map.of("soldOut", "1"));

        // the order pipeline saw the product sold again first: its level names the new start
        level(id, 6, STARTED, 0, 3);
        awaitSale(id, Map.of("stockVersion", "6"));
        assertThat(redis.opsForHash().get(QueueKeys.sale(id), "soldOut")).as("the sale before, until the new one is here")
                .isEqualTo("1");
        schedule(id, 1, STARTED);

        awaitSale(id, Map.of("scheduleVersion", "1", "soldOut", "0", "allHeld", "1", "available", "0"));
    }

    @Test
    void aLevelNamingAStartRedisDoesNotKnowWaitsForTheLevelOfTheSalesStart() {
        // a wiped Redis reads the latest level before the latest schedule, and the level still names the start before
        // a postponement (the pipeline had not published it again yet)
        long id = newProductId();
        level(id, 3, STARTED.minus(Duration.ofHours(1)), 0, 4);
        awaitSale(id, Map.of("stockVersion", "3"));
        schedule(id, 1, STARTED);
        awaitSale(id, Map.of("scheduleVersion", "1"));
        assertThat(redis.opsForHash().multiGet(QueueKeys.sale(id), List.of("available", "soldOut", "allHeld")))
                .as("the schedule's stock until a level of this sale").containsOnlyNulls();

        level(id, 4, STARTED, 0, 4);
        awaitSale(id, Map.of("allHeld", "1"));
    }

    @Test
    void shoppersWhoseOrdersALevelCountsNoLongerHoldAUnitByTheirAdmission() {
        long id = newProductId();
        schedule(id, 0, STARTED);
        awaitSale(id, Map.of("scheduleVersion", "0"));
        long now = System.currentTimeMillis();
        redis.opsForZSet().add(QueueKeys.recentAdmissions(id), "41", now);
        redis.opsForZSet().add(QueueKeys.recentAdmissions(id), "42", now);

        send(Topics.STOCK_LEVELS, id, JSON.writeValueAsString(
                new StockLevelChanged(1, id, 1, STARTED, 9, 1, List.of(41L), Instant.now())));

        awaitSale(id, Map.of("available", "9"));
        assertThat(redis.opsForZSet().range(QueueKeys.recentAdmissions(id), 0, -1)).containsExactly("42");
    }

    @Test
    void malformedLevelsGoToTheDeadLetterTopicAndTheNextOneIsTaken() {
        long id = newProductId();
        schedule(id, 0, STARTED);
        List<String> bad = List.of("not json at all",
                JSON.writeValueAsString(new StockLevelChanged(2, id, 1, STARTED, 1, 0, List.of(), Instant.now())),
                JSON.writeValueAsString(new StockLevelChanged(1, id, 1, STARTED, -1, 0, List.of(), Instant.now())),
                JSON.writeValueAsString(new StockLevelChanged(1, id + 1, 1, STARTED, 1, 0, List.of(), Instant.now())),
                JSON.writeValueAsString(new StockLevelChanged(1, id, 1, null, 1, 0, List.of(), Instant.now())));
        for (String value : bad) {
            send(Topics.STOCK_LEVELS, id, value);
        }
        level(id, 1, STARTED, 4, 0);

        awaitSale(id, Map.of("available", "4"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLettered(id)).containsAll(bad));
    }

    private void awaitSale(long id, Map<String, String> fields) {
        await().atMost(WAIT).untilAsserted(() -> {
            List<Object> values = redis.opsForHash().multiGet(QueueKeys.sale(id), List.copyOf(fields.keySet()));
            assertThat(values).isEqualTo(List.copyOf(fields.values()));
        });
    }

    private static void schedule(long id, long version, Instant startsAt) {
        send(Topics.SALE_SCHEDULES, id, JSON.writeValueAsString(new SaleScheduleChanged(1, id, 7, "재고 시험 " + id, version,
                startsAt, null, 5, 10, 30, 50, 2, false, "SCHEDULED", Instant.now())));
    }

    private static void level(long id, long version, Instant saleStartsAt, int available, int held) {
        send(Topics.STOCK_LEVELS, id, JSON.writeValueAsString(
                new StockLevelChanged(1, id, version, saleStartsAt, available, held, List.of(), Instant.now())));
    }

    /** All on partition 0 of each topic, so each topic's records of every product are read in the order sent. */
    private static void send(String topic, long productId, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, Long.toString(productId), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values of the dead-letter topic keyed by the product, from its start, outside any consumer group. */
    private static List<String> deadLettered(long id) {
        String topic = StockLevelConsumerConfiguration.DEAD_LETTER_TOPIC;
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-dlt-" + UUID.randomUUID()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = new ArrayList<>();
            for (int polls = 0; polls < 5; polls++) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (Long.toString(id).equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
            return values;
        }
    }

    private static long newProductId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
    }
}
