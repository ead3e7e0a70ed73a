package dev.astraphe.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.order.DeliveryAddress;
import dev.astraphe.db.order.NewOrder;
import dev.astraphe.db.order.Order;
import dev.astraphe.db.order.OrderRepository;
import dev.astraphe.db.order.OrderStatus;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleStatus;
import dev.astraphe.shared.queue.QueueKeys;
import dev.astraphe.storefront.ProductFixtures;
import dev.astraphe.storefront.StorefrontTestSupport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

class ProductPageTest extends StorefrontTestSupport {

    @Autowired ProductRepository productRepository;
    @Autowired CompanyRepository companyRepository;
    @Autowired OrderRepository orderRepository;
    @Autowired ProductViews views;
    @Autowired StringRedisTemplate redis;

    private ProductFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new ProductFixtures(productRepository, companyRepository);
    }

    @Test
    void anUpcomingProductShowsItsPriceWindowAndCountdownToAnyone() throws Exception {
        Instant start = Instant.parse("2030-11-25T12:00:00Z");
        Product p = fixtures.product("겨울 한정 원두", "산미가 좋은 원두", 12, start, start.plus(Duration.ofDays(1)));
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("겨울 한정 원두")))
                .andExpect(content().string(containsString("data-countdown-to=\"2030-11-25T12:00:00Z\"")))
                .andExpect(content().string(containsString("11월 25일 (월) 21:00")))
                .andExpect(content().string(containsString("20,000원")))
                .andExpect(content().string(containsString("15,000원")))
                .andExpect(content().string(containsString("25%")))
                .andExpect(content().string(containsString("남은 수량 12개")))
                .andExpect(content().string(containsString("대기실은 11월 25일 (월) 20:50에 열립니다.")))
                .andExpect(content().string(containsString("hx-trigger=\"every 7s\"")))
                .andExpect(content().string(containsString("식품")));
    }

    @Test
    void englishShowsTheSameWindowInKoreaTime() throws Exception {
        Instant start = Instant.parse("2030-11-25T12:00:00Z");
        Product p = fixtures.product("Winter beans", "", 12, start, null);
        mvc.perform(get("/products/" + p.getId()).param("lang", "en"))
                .andExpect(content().string(containsString("Mon, Nov 25, 21:00")))
                .andExpect(content().string(containsString("Food")));
    }

    @Test
    void theStatusFragmentRefreshesAlone() throws Exception {
        Product p = fixtures.product("원두", "", 12, Instant.now().plus(Duration.ofDays(3)), null);
        mvc.perform(get("/products/" + p.getId()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"sale-status\"")))
                .andExpect(content().string(not(containsString("<html"))));
    }

    @Test
    void aSoldOutProductSaysSo() throws Exception {
        Product p = fixtures.product("매진 원두", "", 1, Instant.now().minus(Duration.ofMinutes(5)), null);
        p.hold(1);
        productRepository.save(p);
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("품절")))
                .andExpect(content().string(not(containsString("입장하기"))));
    }

    @Test
    void aLiveSaleWhoseLastUnitsAreHeldUnpaidStaysLiveUntilTheyArePaid() throws Exception {
        Product p = fixtures.product("결제 대기 원두", "", 1, Instant.now().minus(Duration.ofMinutes(5)), null);
        p.hold(1);
        productRepository.save(p);
        Account buyer = shopper(uniqueEmail("held"));
        Instant now = Instant.now();
        Order order = new Order("T" + System.nanoTime(), new NewOrder(buyer.getId(), p.getId(), null, 1, p.getSalePrice(),
                new DeliveryAddress("김민지", "010-1234-5678", "04524", "서울", ""), "adm-" + System.nanoTime(), "key-" + System.nanoTime()), now);
        order.reserve(now.plus(Duration.ofMinutes(10)), now);
        order = orderRepository.save(order);

        // the unit may come back: the sale is live (gated, the waiting room keeps its line), not sold out
        assertThat(views.find(p.getId()).orElseThrow().state()).isEqualTo(SaleState.LIVE);
        assertThat(views.find(p.getId()).orElseThrow().allHeld()).isTrue();
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(redirectedUrl("/login?continue=%2Fproducts%2F" + p.getId()));

        // paid: nothing can come back
        order.transition(OrderStatus.PAYING, now);
        order.transition(OrderStatus.PAID, now);
        orderRepository.save(order);
        assertThat(views.find(p.getId()).orElseThrow().state()).isEqualTo(SaleState.SOLD_OUT);
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("품절")));
    }

    @Test
    void anEndedSaleSaysSo() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(2));
        Product p = fixtures.product("지난 원두", "", 5, start, start.plus(Duration.ofDays(1)));
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("판매 종료")))
                .andExpect(content().string(not(containsString("판매가 중단되었습니다"))));
    }

    @Test
    void aSaleCalledOffBeforeItsWindowEndedSaysSoBesideTheWindow() throws Exception {
        Instant start = Instant.now().minus(Duration.ofHours(1));
        Product p = fixtures.product("멈춘 원두", "", 5, start, start.plus(Duration.ofDays(1)));
        p.changeSaleStatus(SaleStatus.STOPPED, null);
        productRepository.save(p);
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("판매가 중단되었습니다")))
                .andExpect(content().string(containsString("(판매 중단)")))
                .andExpect(content().string(not(containsString("hx-swap-oob"))))
                .andExpect(content().string(not(containsString("입장하기"))));
        // a page opened before the stop learns it from its status refresh, the note beside the window included
        mvc.perform(get("/products/" + p.getId()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("판매가 중단되었습니다")))
                .andExpect(content().string(containsString(
                        "<strong id=\"window-called-off\" class=\"called-off\" hx-swap-oob=\"true\">(판매 중단)</strong>")));
    }

    @Test
    void aHiddenProductDoesNotExist() throws Exception {
        Product p = fixtures.product("숨은 원두", "", 5, Instant.now().plus(Duration.ofDays(1)), null);
        p.hide(null);
        productRepository.save(p);
        mvc.perform(get("/products/" + p.getId())).andExpect(status().isNotFound());
        mvc.perform(get("/products/999999999")).andExpect(status().isNotFound());
        // a page left open refreshes its status: told to reload, it shows the product gone
        mvc.perform(get("/products/" + p.getId()).header("HX-Request", "true"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("HX-Refresh", "true"));
    }

    @Test
    void theSellersDescriptionIsEscaped() throws Exception {
        Product p = fixtures.product("원두", "<script>alert('x')</script>", 5, Instant.now().plus(Duration.ofDays(1)), null);
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(content().string(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert"))));
    }

    @Test
    void theHomePageListsUpcomingAndLiveProductsButNotHiddenOrEndedOnes() throws Exception {
        Product upcoming = fixtures.product("곧 열리는 원두", "", 5, Instant.now().plus(Duration.ofHours(1)), null);
        Product live = fixtures.live("지금 파는 원두");
        Product hidden = fixtures.product("숨은 상품", "", 5, Instant.now().plus(Duration.ofHours(1)), null);
        hidden.hide(null);
        productRepository.save(hidden);
        Instant past = Instant.now().minus(Duration.ofDays(2));
        fixtures.product("끝난 상품", "", 5, past, past.plus(Duration.ofDays(1)));
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/products/" + upcoming.getId() + "\"")))
                .andExpect(content().string(containsString("href=\"/products/" + live.getId() + "\"")))
                .andExpect(content().string(containsString("판매 중")))
                .andExpect(content().string(not(containsString("숨은 상품"))))
                .andExpect(content().string(not(containsString("끝난 상품"))));
    }

    @Test
    void aLiveSaleAnAdminPausedSaysSoOnTheHomePage() throws Exception {
        Product paused = fixtures.live("멈춘 원두");
        Product running = fixtures.live("계속 파는 원두");
        redis.opsForHash().put(QueueKeys.control(paused.getId()), QueueKeys.CONTROL_STATE, "PAUSED");
        redis.opsForHash().put(QueueKeys.control(running.getId()), QueueKeys.CONTROL_STATE, "RUNNING");
        try {
            String home = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(card(home, paused)).contains("일시 중지").doesNotContain("판매 중");
            assertThat(card(home, running)).contains("판매 중").doesNotContain("일시 중지");
        } finally {
            redis.delete(QueueKeys.control(paused.getId()));
            redis.delete(QueueKeys.control(running.getId()));
        }
    }

    private static String card(String home, Product product) {
        int from = home.indexOf("href=\"/products/" + product.getId() + "\"");
        assertThat(from).as("the product's card").isPositive();
        return home.substring(from, home.indexOf("</li>", from));
    }
}
