package dev.astraphe.queue.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.astraphe.queue.QueueEdgeApplication;
import dev.astraphe.queue.QueueRedis;
import dev.astraphe.queue.StallingProxy;
import dev.astraphe.shared.events.SaleScheduleChanged;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = QueueEdgeApplication.class)
@UsesRedis
@UsesKafka
class SaleScheduleMaterialisationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant STARTS_AT = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    private static KafkaProducer<String, String> producer;

    @Autowired SaleSchedules schedules;
    @Autowired SaleScheduleStore store;
    @Autowired StringRedisTemplate redis;
    @Autowired KafkaListenerEndpointRegistry listeners;

    /** Redis behind a proxy that can stop answering, as a restarting or failing-over Redis does (resumed otherwise). */
    private static final StallingProxy REDIS = new StallingProxy(TestServices.redisPort());

    @DynamicPropertySource
    static void redisBehindTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
    }

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
        REDIS.close();
    }

    @Test
    void aScheduleEventIsMaterialisedAsAHashPerProductAndIndexedByStart() {
        long id = newProductId();
        Instant endsAt = STARTS_AT.plus(Duration.ofHours(2));
        send(id, json(event(id, 0, "한정판 원두", false, "SCHEDULED", endsAt)));

        SaleSchedule schedule = awaitSchedule(id, s -> s.scheduleVersion() == 0);
        assertThat(schedule.productName()).isEqualTo("한정판 원두");
        assertThat(schedule.companyId()).isEqualTo(7);
        assertThat(schedule.saleStartsAt()).isEqualTo(STARTS_AT);
        assertThat(schedule.saleEndsAt()).isEqualTo(endsAt);
        assertThat(schedule.admissionBatchSize()).isEqualTo(5);
        assertThat(schedule.admissionIntervalSeconds()).isEqualTo(10);
        assertThat(schedule.admissionDelaySeconds()).isEqualTo(30);
        assertThat(schedule.totalStock()).isEqualTo(50);
        assertThat(schedule.perShopperLimit()).isEqualTo(2);
        assertThat(schedule.isQueueable()).isTrue();
        assertThat(redis.hasKey("astraphe:sale:{" + id + "}")).isTrue();
        // the hold queue-edge counts admissions by goes with the sale, for the seller console's admit-now and board
        assertThat(redis.opsForHash().get(QueueKeys.sale(id), QueueKeys.SALE_ADMITTED_HOLD_MS)).isEqualTo("600000");
        assertThat(redis.opsForZSet().score("astraphe:sales", Long.toString(id))).isEqualTo((double) STARTS_AT.toEpochMilli());
        assertThat(schedules.startingBetween(STARTS_AT.minusSeconds(1), STARTS_AT.plusSeconds(1)).block())
                .contains(id);
    }

    @Test
    void aTombstoneRemovesTheScheduleAndTheProductsWaitingRoomWithIt() {
        long id = newProductId();
        send(id, json(event(id, 0, "지워질 상품", false, "SCHEDULED", null)));
        awaitSchedule(id, s -> s.scheduleVersion() == 0);
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, Long.toString(id))).as("no end").isNotNull();
        String line = QueueKeys.line(id);
        String history = QueueKeys.history(id);
        redis.opsForZSet().add(line, "5001", 1);
        redis.opsForZSet().add(history, "{}", 1);

        send(id, null);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(redis.hasKey("astraphe:sale:{" + id + "}")).isFalse();
            assertThat(redis.opsForZSet().score("astraphe:sales", Long.toString(id))).isNull();
            assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, Long.toString(id))).isNull();
            assertThat(redis.hasKey(line)).isFalse();
            assertThat(redis.hasKey(history)).isFalse();
        });
    }

    @Test
    void aProductSoldAgainAfterItsSaleEndedStartsWithAnEmptyRunningQueueAndItsHistoryKept() {
        long id = newProductId();
        Instant startedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        send(id, json(event(id, 0, "재판매 상품", startedAt, startedAt.plus(Duration.ofHours(1)), "SCHEDULED")));
        awaitSchedule(id, s -> s.scheduleVersion() == 0);
        leaveAWaitingRoom(id);

        // a name change of the ended sale is not a new sale
        send(id, json(event(id, 1, "재판매 상품 (이름만)", startedAt, startedAt.plus(Duration.ofHours(1)), "SCHEDULED")));
        awaitSchedule(id, s -> s.scheduleVersion() == 1);
        assertThat(redis.hasKey(QueueKeys.line(id))).isTrue();

        Instant again = STARTS_AT.plus(Duration.ofDays(1));
        send(id, json(event(id, 2, "재판매 상품", again, null, "SCHEDULED")));
        SaleSchedule resold = awaitSchedule(id, s -> s.scheduleVersion() == 2);

        assertThat(resold.saleStartsAt()).isEqualTo(again);
        for (String key : QueueKeys.queueState(id)) {
            if (!key.equals(QueueKeys.stats(id))) {
                assertThat(redis.hasKey(key)).as(key).isFalse();
            }
        }
        // only when the new waiting room began, so that the old sale's tickets are refused
        assertThat(redis.<String, String>opsForHash().entries(QueueKeys.stats(id))).containsOnlyKeys("since");
        assertThat(Long.parseLong(redis.<String, String>opsForHash().get(QueueKeys.stats(id), "since")))
                .isBetween(Instant.now().minusSeconds(60).toEpochMilli(), Instant.now().toEpochMilli());
        assertThat(redis.<String, String>opsForHash().multiGet("astraphe:sale:{" + id + "}",
                List.of("soldOut", "available", "allHeld"))).containsOnlyNulls();
        assertThat(redis.hasKey(QueueKeys.history(id))).isTrue();

        // the same version again (a replay on boot) leaves the new sale's queue alone
        redis.opsForZSet().add(QueueKeys.line(id), "7001", 1);
        send(id, json(event(id, 2, "재판매 상품", again, null, "SCHEDULED")));
        long marker = newProductId();
        send(marker, json(event(marker, 0, "표식", false, "SCHEDULED", null)));
        awaitSchedule(marker, s -> true);
        assertThat(redis.opsForZSet().score(QueueKeys.line(id), "7001")).isEqualTo(1.0);
    }

    @Test
    void aQueueStoppedByAnAdminIsNotCarriedIntoTheProductsNextSaleEvenIfStoppedBeforeItsStart() {
        for (Duration startedAgo : List.of(Duration.ofMinutes(30), Duration.ofMinutes(-30))) {
            long id = saleWithoutEnd(startedAgo, "SCHEDULED");
            redis.opsForHash().put(QueueKeys.control(id), QueueKeys.CONTROL_STATE, "STOPPED");

            moveStartToTheFuture(id);

            assertThat(redis.hasKey(QueueKeys.control(id))).as("started %s ago", startedAgo).isFalse();
            assertThat(redis.hasKey(QueueKeys.line(id))).isFalse();
        }
    }

    @Test
    void aSaleTheSellerStoppedOrThatSoldOutIsSoldAgainAfresh() {
        long stopped = saleWithoutEnd(Duration.ofMinutes(30), "STOPPED");
        long soldOut = saleWithoutEnd(Duration.ofMinutes(30), "SCHEDULED");
        redis.opsForHash().put("astraphe:sale:{" + soldOut + "}", "soldOut", "1");

        moveStartToTheFuture(stopped);
        moveStartToTheFuture(soldOut);

        assertThat(redis.hasKey(QueueKeys.line(stopped))).isFalse();
        assertThat(redis.hasKey(QueueKeys.line(soldOut))).isFalse();
        assertThat(redis.opsForHash().get("astraphe:sale:{" + soldOut + "}", "soldOut")).isNull();
    }

    @Test
    void postponingASaleThatIsNotOverKeepsEverybodysPlaceAndVoidsItsAdmissions() {
        long id = saleWithoutEnd(Duration.ofMinutes(30), "SCHEDULED");
        // a shopper admitted ten minutes ago, holding a unit
        String admittedAt = Long.toString(Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli());
        redis.opsForHash().put(QueueKeys.admitted(id), "5002", admittedAt);
        redis.opsForZSet().add(QueueKeys.recentAdmissions(id), "5002", Double.parseDouble(admittedAt));

        moveStartToTheFuture(id);

        assertThat(redis.opsForZSet().score(QueueKeys.line(id), "5001")).isEqualTo(1_000_000_001.0);
        assertThat(redis.opsForValue().get(QueueKeys.sequence(id))).isEqualTo("1000000001");
        assertThat(redis.opsForHash().get(QueueKeys.stats(id), "shuffled")).isEqualTo("1");
        // made before the new start, the admission counts for nothing now, and holds no unit
        assertThat(redis.hasKey(QueueKeys.admitted(id))).isFalse();
        assertThat(redis.hasKey(QueueKeys.recentAdmissions(id))).isFalse();
    }

    @Test
    void postponingALiveSaleToATimeAlreadyPastVoidsOnlyTheAdmissionsMadeBeforeIt() {
        long id = saleWithoutEnd(Duration.ofMinutes(30), "SCHEDULED");
        Instant now = Instant.now();
        // admitted twenty minutes ago, before the new start, and five minutes ago, after it
        String early = Long.toString(now.minus(Duration.ofMinutes(20)).toEpochMilli());
        String late = Long.toString(now.minus(Duration.ofMinutes(5)).toEpochMilli());
        redis.opsForHash().putAll(QueueKeys.admitted(id), Map.of("5002", early, "5003", late));
        redis.opsForZSet().add(QueueKeys.recentAdmissions(id), "5002", Double.parseDouble(early));
        redis.opsForZSet().add(QueueKeys.recentAdmissions(id), "5003", Double.parseDouble(late));

        Instant tenMinutesAgo = now.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        send(id, json(event(id, 1, "진행 중인 판매", tenMinutesAgo, null, "SCHEDULED")));
        awaitSchedule(id, s -> s.scheduleVersion() == 1);

        assertThat(redis.opsForZSet().score(QueueKeys.line(id), "5001")).isEqualTo(1_000_000_001.0);
        assertThat(redis.opsForHash().entries(QueueKeys.admitted(id))).containsExactly(Map.entry("5003", late));
        assertThat(redis.opsForZSet().range(QueueKeys.recentAdmissions(id), 0, -1)).containsExactly("5003");
    }

    /** Version 0 of a sale without an end that started {@code ago} (negative: starts later), and its waiting room. */
    private long saleWithoutEnd(Duration ago, String status) {
        long id = newProductId();
        Instant startsAt = Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS);
        send(id, json(event(id, 0, "진행 중인 판매", startsAt, null, status)));
        awaitSchedule(id, s -> s.scheduleVersion() == 0);
        leaveAWaitingRoom(id);
        return id;
    }

    /** Version 1: the same sale, starting in an hour (after any version 0 start above). */
    private void moveStartToTheFuture(long id) {
        send(id, json(event(id, 1, "진행 중인 판매", STARTS_AT, null, "SCHEDULED")));
        awaitSchedule(id, s -> s.scheduleVersion() == 1);
    }

    /** A sale's leftovers: a shopper in line, the counters, a drawn pre-queue, a history minute, no units left. */
    private void leaveAWaitingRoom(long id) {
        redis.opsForZSet().add(QueueKeys.line(id), "5001", 1_000_000_001);
        redis.opsForHash().put(QueueKeys.formerPlaces(id), "5001", "1000000001");
        redis.opsForValue().set(QueueKeys.sequence(id), "1000000001");
        redis.opsForHash().putAll(QueueKeys.stats(id), Map.of("shuffled", "1", "waiting", "1", "joined", "1"));
        redis.opsForZSet().add(QueueKeys.history(id), "{}", 1);
        redis.opsForHash().put("astraphe:sale:{" + id + "}", "available", "0");
    }

    @Test
    void aSaleThatMayRunLongerThanAWeekIsIndexedByItsEndUntilTheSweepRemovesIt() {
        long id = newProductId();
        String member = Long.toString(id);
        send(id, json(event(id, 0, "끝없는 판매", STARTS_AT, null, "SCHEDULED")));
        awaitSchedule(id, s -> s.scheduleVersion() == 0);
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, member)).isEqualTo(SaleScheduleKeys.NO_END);

        Instant inTenDays = STARTS_AT.plus(Duration.ofDays(10));
        send(id, json(event(id, 1, "끝없는 판매", STARTS_AT, inTenDays, "SCHEDULED")));
        awaitSchedule(id, s -> s.scheduleVersion() == 1);
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, member)).isEqualTo((double) inTenDays.toEpochMilli());

        // shortened to two hours: it stays, under its new end, for the sweep to find however long ago it started
        Instant inTwoHours = STARTS_AT.plus(Duration.ofHours(2));
        send(id, json(event(id, 2, "끝없는 판매", STARTS_AT, inTwoHours, "SCHEDULED")));
        awaitSchedule(id, s -> s.scheduleVersion() == 2);
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, member)).isEqualTo((double) inTwoHours.toEpochMilli());

        long beforeCancelling = System.currentTimeMillis();
        send(id, json(event(id, 3, "끝없는 판매", STARTS_AT, null, "CANCELLED")));
        awaitSchedule(id, s -> s.scheduleVersion() == 3);
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, member)).as("scored by the cancellation")
                .isBetween((double) beforeCancelling, (double) System.currentTimeMillis());

        // stopped: final too, scored by when it was stopped, so the sweep finds it an hour later
        long stopped = newProductId();
        send(stopped, json(event(stopped, 0, "멈출 판매", STARTS_AT, null, "SCHEDULED")));
        awaitSchedule(stopped, s -> s.scheduleVersion() == 0);
        Instant stoppedAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        send(stopped, json(new SaleScheduleChanged(1, stopped, 7, "멈출 판매", 1, STARTS_AT, null, 5, 10, 30, 50, 2, false,
                "STOPPED", stoppedAt)));
        awaitSchedule(stopped, s -> s.scheduleVersion() == 1);
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, Long.toString(stopped))).as("scored by the stop")
                .isEqualTo((double) stoppedAt.toEpochMilli());
        // a later change of the stopped sale (the seller renames it) sends its own time: the stop's is kept, in the
        // schedule and in the index, so the waiting room still goes an hour after the stop
        send(stopped, json(new SaleScheduleChanged(1, stopped, 7, "멈춘 판매", 2, STARTS_AT, null, 5, 10, 30, 50, 2, false,
                "STOPPED", Instant.now())));
        assertThat(awaitSchedule(stopped, s -> s.scheduleVersion() == 2).productName()).isEqualTo("멈춘 판매");
        assertThat(redis.opsForHash().get(SaleScheduleKeys.schedule(stopped), "occurredAt"))
                .isEqualTo(Long.toString(stoppedAt.toEpochMilli()));
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, Long.toString(stopped))).as("still scored by the stop")
                .isEqualTo((double) stoppedAt.toEpochMilli());

        // a sale of two hours from the start is not indexed at all
        long shortSale = newProductId();
        send(shortSale, json(event(shortSale, 0, "두 시간 판매", STARTS_AT, inTwoHours, "SCHEDULED")));
        awaitSchedule(shortSale, s -> true);
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, Long.toString(shortSale))).isNull();
    }

    @Test
    void thePictureAndPriceArriveWithTheScheduleAndARecordAsNewReplacesThem() {
        long id = newProductId();
        SaleScheduleChanged plain = event(id, 0, "사진 없는 상품", false, "SCHEDULED", null);
        // as a record written before the fields were added: without them at all
        String older = json(plain).replace(",\"mainImageKey\":null", "").replace(",\"salePrice\":null", "");
        assertThat(older).doesNotContain("mainImageKey").doesNotContain("salePrice").contains("\"productName\"");
        send(id, older);
        SaleSchedule before = awaitSchedule(id, s -> true);
        assertThat(before.mainImageKey()).isNull();
        assertThat(before.salePrice()).isNull();

        // the console sends the schedule again at the same version when the images change
        send(id, json(withPicture(plain, "products/" + id + "/main.png", 39_900L)));
        SaleSchedule pictured = awaitSchedule(id, s -> s.mainImageKey() != null);
        assertThat(pictured.mainImageKey()).isEqualTo("products/" + id + "/main.png");
        assertThat(pictured.salePrice()).isEqualTo(39_900L);

        // a picture taken away goes from the waiting room too
        send(id, json(withPicture(event(id, 1, "사진 없는 상품", false, "SCHEDULED", null), null, 39_900L)));
        SaleSchedule removed = awaitSchedule(id, s -> s.scheduleVersion() == 1);
        assertThat(removed.mainImageKey()).isNull();
        assertThat(removed.salePrice()).isEqualTo(39_900L);
    }

    private static SaleScheduleChanged withPicture(SaleScheduleChanged e, String mainImageKey, Long salePrice) {
        return new SaleScheduleChanged(e.schemaVersion(), e.productId(), e.companyId(), e.productName(), e.scheduleVersion(),
                e.saleStartsAt(), e.saleEndsAt(), e.admissionBatchSize(), e.admissionIntervalSeconds(),
                e.admissionDelaySeconds(), e.totalStock(), e.perShopperLimit(), e.hidden(), e.saleStatus(), e.occurredAt(),
                mainImageKey, salePrice);
    }

    @Test
    void anOlderVersionAfterANewerOneIsIgnored() {
        long id = newProductId();
        send(id, json(event(id, 2, "새 이름", true, "SCHEDULED", null)));
        send(id, json(event(id, 1, "옛 이름", false, "SCHEDULED", null)));
        long marker = newProductId();
        send(marker, json(event(marker, 0, "표식", false, "SCHEDULED", null)));

        awaitSchedule(marker, s -> true);
        SaleSchedule schedule = schedules.find(id).block();
        assertThat(schedule.scheduleVersion()).isEqualTo(2);
        assertThat(schedule.productName()).isEqualTo("새 이름");
        assertThat(schedule.hidden()).isTrue();
        assertThat(schedule.isQueueable()).isFalse();

        send(id, json(event(id, 3, "취소됨", false, "CANCELLED", null)));
        assertThat(awaitSchedule(id, s -> s.scheduleVersion() == 3).saleStatus()).isEqualTo("CANCELLED");
    }

    @Test
    void anInstanceWhoseIndexWritesOfAnOlderVersionLandLastIndexesTheStoredScheduleInstead() {
        long id = saleWithoutEnd(Duration.ofMinutes(-30), "SCHEDULED");
        Instant first = schedules.find(id).block().saleStartsAt();
        moveStartToTheFuture(id); // version 1, applied and indexed by this instance
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.INDEX, Long.toString(id))).isEqualTo((double) STARTS_AT.toEpochMilli());

        // another instance applied version 0 before version 1's script, and its index writes arrive only now
        store.indexes(id, 0, first, null, "SCHEDULED", System.currentTimeMillis(), System.currentTimeMillis());

        assertThat(redis.opsForZSet().score(SaleScheduleKeys.INDEX, Long.toString(id))).isEqualTo((double) STARTS_AT.toEpochMilli());
    }

    @Test
    void aWipedRedisIsRebuiltFromTheTopicWhenTheConsumerRestarts() {
        long id = newProductId();
        send(id, json(event(id, 4, "최신", false, "SCHEDULED", null)));
        send(id, json(event(id, 3, "늦게 온 옛 버전", false, "SCHEDULED", null)));
        long other = newProductId();
        send(other, json(event(other, 0, "다른 상품", false, "SCHEDULED", null)));
        awaitSchedule(other, s -> true);
        assertThat(schedules.find(id).block().productName()).isEqualTo("최신");

        TestServices.wipeRedis();
        assertThat(schedules.find(id).blockOptional()).isEmpty();
        long wipedAt = System.currentTimeMillis();

        MessageListenerContainer container = listeners.getListenerContainer(SaleScheduleListener.ID);
        container.stop();
        container.start();

        assertThat(awaitSchedule(id, s -> true).scheduleVersion()).isEqualTo(4);
        assertThat(schedules.find(id).block().productName()).isEqualTo("최신");
        assertThat(awaitSchedule(other, s -> true).productName()).isEqualTo("다른 상품");
        assertThat(redis.opsForZSet().score("astraphe:sales", Long.toString(id))).isNotNull();
        // the line went with Redis: tickets issued before it was rebuilt no longer count
        assertThat(Long.parseLong((String) redis.opsForHash().get(QueueKeys.stats(id), QueueKeys.STAT_SINCE)))
                .isGreaterThanOrEqualTo(wipedAt);
    }

    @Test
    void aNewQueueEdgeStartedOnAWipedRedisRebuildsItFromTheTopic() {
        long id = newProductId();
        send(id, json(event(id, 2, "재시작 전", false, "SCHEDULED", null)));
        send(id, json(event(id, 3, "마지막 변경", false, "SCHEDULED", null)));
        awaitSchedule(id, s -> s.scheduleVersion() == 3);
        // this instance's consumer goes as its process would; Redis is wiped while no queue-edge runs
        MessageListenerContainer container = listeners.getListenerContainer(SaleScheduleListener.ID);
        container.stop();
        try {
            TestServices.wipeRedis();
            // a new process: its own consumer group, nothing of this one's state, reading from the topic's start
            try (ConfigurableApplicationContext fresh = new SpringApplicationBuilder(QueueEdgeApplication.class)
                    .web(WebApplicationType.REACTIVE)
                    .run("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + TestServices.redisPort(),
                            "--spring.kafka.bootstrap-servers=" + TestServices.kafkaBootstrapServers(),
                            "--server.port=0", "--management.server.port=0", "--astraphe.queue.admission-ticks=false")) {
                SaleSchedules theirs = fresh.getBean(SaleSchedules.class);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(theirs.find(id).blockOptional()).get()
                                .satisfies(s -> assertThat(s.scheduleVersion()).isEqualTo(3))
                                .satisfies(s -> assertThat(s.productName()).isEqualTo("마지막 변경")));
                assertThat(redis.opsForZSet().score("astraphe:sales", Long.toString(id))).isNotNull();
            }
        } finally {
            container.start();
        }
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndLaterRecordsAreStillProcessed() {
        long notJson = newProductId();
        long wrongSchema = newProductId();
        long good = newProductId();
        send(notJson, "{this is not json");
        send(wrongSchema, json(new SaleScheduleChanged(99, wrongSchema, 7, "미래 스키마", 0, STARTS_AT, null,
                5, 10, 30, 50, 2, false, "SCHEDULED", Instant.now())));
        send(good, json(event(good, 0, "정상 상품", false, "SCHEDULED", null)));

        assertThat(awaitSchedule(good, s -> true).productName()).isEqualTo("정상 상품");
        List<ConsumerRecord<String, String>> dead = awaitDeadLetters(List.of(Long.toString(notJson), Long.toString(wrongSchema)));
        assertThat(dead).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(Long.toString(notJson));
            assertThat(r.value()).isEqualTo("{this is not json");
        });
        assertThat(schedules.find(notJson).blockOptional()).isEmpty();
        assertThat(schedules.find(wrongSchema).blockOptional()).isEmpty();
    }

    @Test
    void aMalformedRecordIsDeadLetteredOnceThoughEveryRestartReplaysIt() {
        long broken = newProductId();
        send(broken, "{not a schedule");
        awaitDeadLetters(List.of(Long.toString(broken)));

        MessageListenerContainer container = listeners.getListenerContainer(SaleScheduleListener.ID);
        container.stop();
        container.start();
        // sent after the restart on the same partition: once it is materialised, the replay has passed the broken one
        long after = newProductId();
        send(after, json(event(after, 0, "재시작 뒤", false, "SCHEDULED", null)));
        awaitSchedule(after, s -> true);

        assertThat(deadLetters(Long.toString(broken))).as("copies in the dead-letter topic").isEqualTo(1);
    }

    @Test
    void aChangeMetWhileRedisDoesNotAnswerIsAppliedOnceItDoesAndIsNotDeadLettered() throws Exception {
        long first = newProductId();
        send(first, json(event(first, 0, "앞선 상품", false, "SCHEDULED", null)));
        awaitSchedule(first, s -> true); // the consumer has caught up with the topic

        long id = newProductId();
        REDIS.stall();
        try {
            send(id, json(event(id, 0, "Redis 장애 중", false, "SCHEDULED", null)));
            // longer than the three attempts (3 s command timeouts) after which such a record used to be dead-lettered
            Thread.sleep(12_000);
        } finally {
            REDIS.resume();
        }

        assertThat(awaitSchedule(id, s -> true).productName()).isEqualTo("Redis 장애 중");
        await().atMost(WAIT).until(() -> redis.opsForZSet().score("astraphe:sales", Long.toString(id)) != null);
        assertThat(deadLetters(Long.toString(id))).as("a valid change in the dead-letter topic").isZero();
    }

    @Test
    void onlyARecordWithoutAValueRemovesAProductAJsonNullOrAnAbsurdVersionIsDeadLettered() {
        long id = newProductId();
        send(id, json(event(id, 1, "살아 있는 판매", false, "SCHEDULED", null)));
        awaitSchedule(id, s -> true);

        send(id, "null");
        long huge = newProductId();
        send(huge, json(event(huge, 5_000_000_000L, "터무니없는 버전", false, "SCHEDULED", null)));
        send(id, json(event(id, 2, "다음 변경", false, "SCHEDULED", null)));

        assertThat(awaitSchedule(id, s -> s.scheduleVersion() == 2).productName()).isEqualTo("다음 변경");
        awaitDeadLetters(List.of(Long.toString(id), Long.toString(huge)));
        assertThat(schedules.find(huge).blockOptional()).isEmpty();
    }

    @Test
    void aRedisFailureIsTriedAgainWithoutEndAnyOtherFailureTwice() {
        var timeout = new ListenerExecutionFailedException("listener failed", new QueryTimeoutException("Redis command timed out"));
        var refused = new RedisConnectionFailureException("Unable to connect to Redis");
        assertThat(QueueRedis.unreachable(timeout)).isTrue();
        assertThat(QueueRedis.unreachable(refused)).isTrue();
        assertThat(QueueRedis.unreachable(
                new ListenerExecutionFailedException("listener failed", new IllegalStateException("a bug")))).isFalse();
        assertThat(QueueRedis.unreachable(new MalformedScheduleException("bad"))).isFalse();
    }

    private SaleSchedule awaitSchedule(long id, java.util.function.Predicate<SaleSchedule> condition) {
        return await().atMost(WAIT).until(() -> schedules.find(id).blockOptional(),
                s -> s.isPresent() && condition.test(s.get())).orElseThrow();
    }

    private static List<ConsumerRecord<String, String>> awaitDeadLetters(List<String> keys) {
        try (var consumer = deadLetterConsumer()) {
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            return await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().filter(r -> keys.contains(r.key())).toList();
            }, r -> r.stream().map(ConsumerRecord::key).distinct().count() == keys.size());
        }
    }

    /** How many dead letters with this key the topic holds now (read up to its end offsets). */
    private static long deadLetters(String key) {
        try (var consumer = deadLetterConsumer()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long count = 0;
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /** The whole dead-letter topic from its start, outside any consumer group's offsets. */
    private static KafkaConsumer<String, String> deadLetterConsumer() {
        String topic = Topics.SALE_SCHEDULES + Topics.DEAD_LETTER_SUFFIX;
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-dlt-" + UUID.randomUUID()),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** All on partition 0, so the order of processing is the order of sending across products too. */
    private static void send(long productId, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SALE_SCHEDULES, 0, Long.toString(productId), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SaleScheduleChanged event(long id, long version, String name, boolean hidden, String status, Instant endsAt) {
        return new SaleScheduleChanged(1, id, 7, name, version, STARTS_AT, endsAt, 5, 10, 30, 50, 2, hidden, status,
                Instant.now());
    }

    private static SaleScheduleChanged event(long id, long version, String name, Instant startsAt, Instant endsAt, String status) {
        return new SaleScheduleChanged(1, id, 7, name, version, startsAt, endsAt, 5, 10, 30, 50, 2, false, status,
                Instant.now());
    }

    private static String json(SaleScheduleChanged event) {
        return JSON.writeValueAsString(event);
    }

    private static long newProductId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
    }
}
