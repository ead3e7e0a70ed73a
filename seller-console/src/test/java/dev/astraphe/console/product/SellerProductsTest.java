package dev.astraphe.console.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.astraphe.console.SellerConsoleApplication;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductDetails;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleSchedule;
import dev.astraphe.db.product.SaleStatus;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.Topics;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.TestServices;
import dev.astraphe.testsupport.UsesKafka;
import dev.astraphe.testsupport.UsesPostgres;
import dev.astraphe.testsupport.UsesRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = SellerConsoleApplication.class)
@UsesPostgres
@UsesRedis
@UsesKafka
class SellerProductsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired SellerProducts sellerProducts;
    @Autowired ProductRepository products;
    @Autowired CompanyRepository companies;
    @Autowired AccountRepository accounts;
    @Autowired JdbcTemplate jdbc;

    private TopicTail topic;

    @BeforeEach
    void tailTopic() {
        topic = new TopicTail(TestServices.kafkaBootstrapServers(), Topics.SALE_SCHEDULES);
    }

    @AfterEach
    void closeTail() {
        topic.close();
    }

    @Test
    void approvedSellerCreatesProductAndItsScheduleArrivesKeyedByProductId() {
        long seller = seller(ApprovalStatus.APPROVED);
        Instant startsAt = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);

        Product created = sellerProducts.create(seller, newProduct("한정판 원두 1kg", startsAt));

        Product stored = products.findById(created.getId()).orElseThrow();
        assertThat(stored.getName()).isEqualTo("한정판 원두 1kg");
        assertThat(stored.getCompanyId()).isEqualTo(accounts.findById(seller).orElseThrow().getCompanyId());

        ConsumerRecord<String, String> record = awaitVersions(created.getId(), 1).getFirst();
        assertThat(record.key()).isEqualTo(created.getId().toString());
        SaleScheduleChanged event = JSON.readValue(record.value(), SaleScheduleChanged.class);
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.productId()).isEqualTo(created.getId());
        assertThat(event.companyId()).isEqualTo(stored.getCompanyId());
        assertThat(event.productName()).isEqualTo("한정판 원두 1kg");
        assertThat(event.scheduleVersion()).isZero();
        assertThat(event.saleStartsAt()).isEqualTo(startsAt);
        assertThat(event.saleEndsAt()).isNull();
        assertThat(event.admissionBatchSize()).isEqualTo(5);
        assertThat(event.admissionIntervalSeconds()).isEqualTo(5);
        assertThat(event.admissionDelaySeconds()).isZero();
        assertThat(event.totalStock()).isEqualTo(20);
        assertThat(event.perShopperLimit()).isEqualTo(2);
        assertThat(event.hidden()).isFalse();
        assertThat(event.saleStatus()).isEqualTo("SCHEDULED");
        assertThat(event.occurredAt()).isNotNull();
        // what the waiting room shows beside the name: the price, and no picture yet
        assertThat(event.salePrice()).isEqualTo(19_900L);
        assertThat(event.mainImageKey()).isNull();
        await().atMost(WAIT).until(() -> incompletePublications() == 0);
    }

    @Test
    void newImagesGoOutWithTheScheduleAtTheSameVersionForTheWaitingRoom() {
        long seller = seller(ApprovalStatus.APPROVED);
        long id = sellerProducts.create(seller, newProduct("핸드드립 세트", Instant.now().plus(Duration.ofHours(1)))).getId();
        awaitVersion(id, 0);

        sellerProducts.changeImages(seller, id, "products/" + id + "/main.png", null);

        SaleScheduleChanged withPicture = await().atMost(WAIT).until(() -> decoded(topic.withKey(Long.toString(id))),
                events -> events.size() >= 2).getLast();
        assertThat(withPicture.mainImageKey()).isEqualTo("products/" + id + "/main.png");
        // nothing about the sale changed: the same version, which queue-edge applies over the one it has
        assertThat(withPicture.scheduleVersion()).isZero();
        assertThat(products.findById(id).orElseThrow().getScheduleVersion()).isZero();

        // a sale called off keeps its record's time (a stopped one's is the stop's): new images send nothing
        sellerProducts.cancelSale(seller, id);
        awaitVersion(id, 1);
        sellerProducts.changeImages(seller, id, "products/" + id + "/after.png", null);
        assertThat(products.findById(id).orElseThrow().getMainImageKey()).isEqualTo("products/" + id + "/after.png");
        assertThat(publicationsMentioning("products/" + id + "/after.png")).isZero();
    }

    @Test
    void editHideShowRescheduleAndCancelEachPublishANewVersion() {
        long seller = seller(ApprovalStatus.APPROVED);
        Instant startsAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long id = sellerProducts.create(seller, newProduct("무선 청소기", startsAt)).getId();
        assertThat(awaitVersion(id, 0).productName()).isEqualTo("무선 청소기");

        sellerProducts.edit(seller, id, new ProductDetails(2000L, "무선 청소기 V2", "", 300_000L, 199_000, 1));
        SaleScheduleChanged edited = awaitVersion(id, 1);
        assertThat(edited.productName()).isEqualTo("무선 청소기 V2");
        assertThat(edited.perShopperLimit()).isEqualTo(1);
        assertThat(edited.salePrice()).isEqualTo(199_000L);

        sellerProducts.hide(seller, id);
        assertThat(awaitVersion(id, 2).hidden()).isTrue();

        sellerProducts.show(seller, id);
        assertThat(awaitVersion(id, 3).hidden()).isFalse();

        Instant later = startsAt.plus(Duration.ofDays(1));
        sellerProducts.reschedule(seller, id, new SaleSchedule(later, later.plus(Duration.ofHours(2)), 1, 10, 60));
        SaleScheduleChanged rescheduled = awaitVersion(id, 4);
        assertThat(rescheduled.saleStartsAt()).isEqualTo(later);
        assertThat(rescheduled.saleEndsAt()).isEqualTo(later.plus(Duration.ofHours(2)));
        assertThat(rescheduled.admissionBatchSize()).isEqualTo(1);
        assertThat(rescheduled.admissionIntervalSeconds()).isEqualTo(10);
        assertThat(rescheduled.admissionDelaySeconds()).isEqualTo(60);

        sellerProducts.cancelSale(seller, id);
        assertThat(awaitVersion(id, 5).saleStatus()).isEqualTo("CANCELLED");
        assertThat(products.findById(id).orElseThrow().getSaleStatus()).isEqualTo(SaleStatus.CANCELLED);
    }

    @Test
    void aSaleAlreadyOverCannotBeCancelledAndPublishesNothing() {
        long seller = seller(ApprovalStatus.APPROVED);
        Instant startedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        long id = sellerProducts.create(seller, new NewProduct(new ProductDetails(1000L, "지난 특가", "설명", 30_000L, 19_900, 2),
                20, new SaleSchedule(startedAt, startedAt.plus(Duration.ofHours(1)), 5, 5, 0))).getId();
        awaitVersion(id, 0);

        assertThatThrownBy(() -> sellerProducts.cancelSale(seller, id)).isInstanceOf(SaleAlreadyOverException.class);

        Product unchanged = products.findById(id).orElseThrow();
        assertThat(unchanged.getSaleStatus()).isEqualTo(SaleStatus.SCHEDULED);
        assertThat(unchanged.getScheduleVersion()).isZero();
    }

    @Test
    void quickSuccessiveChangesLeaveTheLatestStateLastOnTheCompactedTopic() {
        long seller = seller(ApprovalStatus.APPROVED);
        long id = sellerProducts.create(seller, newProduct("에어프라이어", Instant.now().plus(Duration.ofHours(1)))).getId();
        for (int i = 0; i < 5; i++) {
            sellerProducts.hide(seller, id);
            sellerProducts.show(seller, id);
        }
        sellerProducts.hide(seller, id);

        await().atMost(WAIT).untilAsserted(() -> {
            List<SaleScheduleChanged> events = decoded(topic.withKey(Long.toString(id)));
            assertThat(events).hasSizeGreaterThanOrEqualTo(12);
            assertThat(events.getLast().scheduleVersion()).isEqualTo(11);
            assertThat(events.getLast().hidden()).isTrue();
        });
        List<SaleScheduleChanged> events = decoded(topic.withKey(Long.toString(id)));
        assertThat(events).extracting(SaleScheduleChanged::scheduleVersion).isSorted();
    }

    @Test
    void aSellerOfAnotherCompanyCannotTouchTheProduct() {
        long owner = seller(ApprovalStatus.APPROVED);
        long other = seller(ApprovalStatus.APPROVED);
        long id = sellerProducts.create(owner, newProduct("캠핑 의자", Instant.now().plus(Duration.ofHours(1)))).getId();
        ProductDetails stolen = new ProductDetails(5000L, "가로챈 이름", "", null, 1000, 1);

        assertThatThrownBy(() -> sellerProducts.edit(other, id, stolen)).isInstanceOf(NotOwnerException.class);
        assertThatThrownBy(() -> sellerProducts.hide(other, id)).isInstanceOf(NotOwnerException.class);
        assertThatThrownBy(() -> sellerProducts.cancelSale(other, id)).isInstanceOf(NotOwnerException.class);
        assertThatThrownBy(() -> sellerProducts.find(other, id)).isInstanceOf(NotOwnerException.class);

        Product unchanged = products.findById(id).orElseThrow();
        assertThat(unchanged.getName()).isEqualTo("캠핑 의자");
        assertThat(unchanged.isHidden()).isFalse();
        assertThat(unchanged.getScheduleVersion()).isZero();
    }

    @Test
    void aSellerOfAnUnapprovedCompanyCannotCreateOrShow() {
        long pending = seller(ApprovalStatus.PENDING);
        long rejected = seller(ApprovalStatus.REJECTED);
        long countBefore = products.count();

        assertThatThrownBy(() -> sellerProducts.create(pending, newProduct("승인 전 상품", Instant.now().plus(Duration.ofHours(1)))))
                .isInstanceOf(SellerNotApprovedException.class)
                .hasMessageContaining("PENDING");
        assertThatThrownBy(() -> sellerProducts.create(rejected, newProduct("반려 상품", Instant.now().plus(Duration.ofHours(1)))))
                .isInstanceOf(SellerNotApprovedException.class);
        assertThat(products.count()).isEqualTo(countBefore);
        assertThatThrownBy(() -> sellerProducts.create(shopper(), newProduct("쇼퍼 상품", Instant.now().plus(Duration.ofHours(1)))))
                .isInstanceOf(NotSellerException.class);
    }

    @Test
    void aChangeTheDatabaseRefusesPublishesNothing() {
        long seller = seller(ApprovalStatus.APPROVED);
        long id = sellerProducts.create(seller, newProduct("한우 선물세트", Instant.now().plus(Duration.ofHours(1)))).getId();
        awaitVersions(id, 1);

        // list price below sale price: products_list_price_check fails at commit, after the event was registered
        ProductDetails refused = new ProductDetails(1000L, "거부될 이름", "", 1_000L, 99_000, 1);
        assertThatThrownBy(() -> sellerProducts.edit(seller, id, refused)).isInstanceOf(RuntimeException.class);
        assertThat(publicationsMentioning("거부될 이름")).isZero();

        sellerProducts.hide(seller, id);

        List<SaleScheduleChanged> events = awaitVersions(id, 2).stream()
                .map(r -> JSON.readValue(r.value(), SaleScheduleChanged.class)).toList();
        assertThat(events).extracting(SaleScheduleChanged::scheduleVersion).containsExactly(0L, 1L);
        assertThat(events).extracting(SaleScheduleChanged::productName).doesNotContain("거부될 이름");
        assertThat(events.get(1).hidden()).isTrue();
        assertThat(products.findById(id).orElseThrow().getName()).isEqualTo("한우 선물세트");
    }

    @Test
    void theScheduleTopicIsCompactedWithThreePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafkaBootstrapServers()))) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SALE_SCHEDULES);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(Topics.SALE_SCHEDULES)).allTopicNames().get()
                    .get(Topics.SALE_SCHEDULES).partitions()).hasSize(3);
        }
    }

    @Test
    void demoProductsAreCreatedOnceThroughTheSamePath(@Autowired DemoProducts demo) {
        long first = seller(ApprovalStatus.APPROVED);
        long second = seller(ApprovalStatus.APPROVED);

        demo.create(first, second);
        demo.create(first, second);

        List<Product> firsts = sellerProducts.list(first);
        List<Product> seconds = sellerProducts.list(second);
        assertThat(firsts).hasSize(5);
        assertThat(seconds).hasSize(5);
        assertThat(firsts).extracting(Product::getCategoryId).containsExactlyInAnyOrder(1000L, 2000L, 3000L, 4000L, 5000L);
        Instant now = Instant.now();
        assertThat(firsts).anyMatch(p -> p.getSaleStartsAt().isBefore(now))
                .anyMatch(p -> p.getSaleStartsAt().isAfter(now.plus(Duration.ofMinutes(4)))
                        && p.getSaleStartsAt().isBefore(now.plus(Duration.ofMinutes(6))))
                .anyMatch(p -> p.getSaleStartsAt().isAfter(now.plus(Duration.ofHours(20))))
                .anyMatch(p -> p.getSaleEndsAt() != null);
        assertThat(firsts).allMatch(p -> p.getTotalStock() >= 3 && p.getTotalStock() <= 100
                && p.getPerShopperLimit() <= 2 && p.getSalePrice() > 0);

        await().atMost(WAIT).untilAsserted(() -> {
            List<String> keys = topic.all().stream().map(ConsumerRecord::key).distinct().toList();
            assertThat(keys).containsAll(java.util.stream.Stream.concat(firsts.stream(), seconds.stream())
                    .map(p -> p.getId().toString()).toList());
        });
        assertThat(topic.all()).hasSize(10);
    }

    private SaleScheduleChanged awaitVersion(long productId, long version) {
        return await().atMost(WAIT).until(() -> decoded(topic.withKey(Long.toString(productId))).stream()
                .filter(e -> e.scheduleVersion() == version).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static List<SaleScheduleChanged> decoded(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> JSON.readValue(r.value(), SaleScheduleChanged.class)).toList();
    }

    private List<ConsumerRecord<String, String>> awaitVersions(long productId, int count) {
        return await().atMost(WAIT).until(() -> topic.withKey(Long.toString(productId)), r -> r.size() >= count);
    }

    private int publicationsMentioning(String text) {
        return jdbc.queryForObject("""
                select (select count(*) from event_publication where serialized_event like ?)
                     + (select count(*) from event_publication_archive where serialized_event like ?)""",
                Integer.class, "%" + text + "%", "%" + text + "%");
    }

    private int incompletePublications() {
        return jdbc.queryForObject("select count(*) from event_publication where completion_date is null", Integer.class);
    }

    private static NewProduct newProduct(String name, Instant startsAt) {
        return new NewProduct(new ProductDetails(1000L, name, "설명", 30_000L, 19_900, 2), 20,
                new SaleSchedule(startsAt, null, 5, 5, 0));
    }

    private long seller(ApprovalStatus status) {
        Company company = new Company("상점 " + UUID.randomUUID(), UUID.randomUUID().toString().substring(0, 12), "", "");
        company.decide(status, null, Instant.now());
        company = companies.save(company);
        String email = "seller-" + UUID.randomUUID() + "@example.com";
        return accounts.save(new Account(email, "{noop}x", "판매자", Role.SELLER, company.getId())).getId();
    }

    private long shopper() {
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        return accounts.save(new Account(email, "{noop}x", "구매자", Role.SHOPPER, null)).getId();
    }
}
