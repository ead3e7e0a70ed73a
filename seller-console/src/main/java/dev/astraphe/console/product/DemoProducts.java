package dev.astraphe.console.product;

import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductDetails;
import dev.astraphe.db.product.SaleSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Demo catalogue for two approved sellers, created through {@link SellerProducts} so that the schedule events
 * reach queue-edge exactly as a seller's own products would. Times are relative to the call: one sale opens in
 * five minutes, one is already live, one opens tomorrow and one has an end. Idempotent by product name. Each gets
 * generated pictures when an image store is configured ({@link DemoImages}).
 */
@Component
public class DemoProducts {

    private static final long FOOD = 1000;
    private static final long ELECTRONICS = 2000;
    private static final long CLOTHING = 3000;
    private static final long BEAUTY = 4000;
    private static final long HOME = 5000;

    private final SellerProducts sellerProducts;
    private final DemoImages images;
    private final Clock clock;

    DemoProducts(SellerProducts sellerProducts, DemoImages images) {
        this.sellerProducts = sellerProducts;
        this.images = images;
        this.clock = Clock.systemUTC();
    }

    public void create(long seller1AccountId, long seller2AccountId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Product> demo = new ArrayList<>(createMissing(seller1AccountId, firstSeller(now)));
        demo.addAll(createMissing(seller2AccountId, secondSeller(now)));
        images.addMissing(demo);
    }

    /** Creates the products the seller does not have yet; returns all of the seller's demo products. */
    private List<Product> createMissing(long sellerAccountId, List<NewProduct> catalogue) {
        Set<String> existing = sellerProducts.list(sellerAccountId).stream()
                .map(Product::getName).collect(Collectors.toSet());
        for (NewProduct product : catalogue) {
            if (!existing.contains(product.details().name())) {
                sellerProducts.create(sellerAccountId, product);
            }
        }
        Set<String> names = catalogue.stream().map(p -> p.details().name()).collect(Collectors.toSet());
        return sellerProducts.list(sellerAccountId).stream().filter(p -> names.contains(p.getName())).toList();
    }

    private static List<NewProduct> firstSeller(Instant now) {
        Function<Duration, Instant> at = now::plus;
        return List.of(
                product(FOOD, "제주 한라봉 선물세트 3kg", "제주 서귀포 농가에서 직송하는 당도 13브릭스 이상 한라봉입니다. 설 선물용 고급 박스 포장.",
                        45_000L, 29_900, 50, 2,
                        new SaleSchedule(at.apply(Duration.ofMinutes(5)), null, 5, 5, 0)),
                product(ELECTRONICS, "무선 노이즈캔슬링 이어폰 AX-300", "하이브리드 ANC, 최대 30시간 재생, 블루투스 5.3. 국내 정품, 1년 무상 A/S.",
                        189_000L, 99_000, 20, 1,
                        new SaleSchedule(at.apply(Duration.ofMinutes(-1)), null, 1, 10, 0)),
                product(CLOTHING, "경량 구스다운 패딩 조끼", "거위털 90:10 충전재, 가볍고 따뜻한 데일리 아우터. 남녀공용 S~XL.",
                        129_000L, 59_000, 30, 2,
                        new SaleSchedule(at.apply(Duration.ofDays(1)), null, 5, 5, 30)),
                product(BEAUTY, "시카 진정 수분크림 100ml 1+1", "병풀 추출물 함유, 민감성 피부를 위한 저자극 수분크림. 피부과 테스트 완료.",
                        52_000L, 24_900, 100, 2,
                        new SaleSchedule(at.apply(Duration.ofMinutes(2)), at.apply(Duration.ofHours(2)), 5, 5, 0)),
                product(HOME, "스테인리스 통3중 냄비 3종 세트", "인덕션 겸용 통3중 스테인리스 냄비 16·20·24cm. 식기세척기 사용 가능.",
                        159_000L, 79_000, 10, 1,
                        new SaleSchedule(at.apply(Duration.ofHours(3)), null, 1, 10, 60)));
    }

    private static List<NewProduct> secondSeller(Instant now) {
        Function<Duration, Instant> at = now::plus;
        return List.of(
                product(FOOD, "1++ 한우 등심 구이용 500g", "투뿔 등급 한우 등심, 냉장 당일 발송. 구이용 2cm 두께로 손질했습니다.",
                        98_000L, 69_000, 15, 1,
                        new SaleSchedule(at.apply(Duration.ofMinutes(5)), null, 1, 10, 0)),
                product(ELECTRONICS, "27인치 QHD 165Hz 게이밍 모니터", "IPS 패널, 1ms 응답속도, HDR400 지원. 높낮이·피벗 스탠드 포함.",
                        399_000L, 249_000, 5, 1,
                        new SaleSchedule(at.apply(Duration.ofMinutes(-1)), null, 1, 10, 0)),
                product(CLOTHING, "캐시미어 블렌드 머플러", "캐시미어 30% 혼방, 부드러운 촉감의 겨울 머플러. 선물 포장 가능.",
                        69_000L, 35_000, 40, 2,
                        new SaleSchedule(at.apply(Duration.ofDays(1)), null, 5, 5, 0)),
                product(BEAUTY, "비타민C 브라이트닝 세럼 30ml", "순수 비타민C 10% 함유, 칙칙한 피부 톤 개선. 비건 인증 제품.",
                        38_000L, 19_900, 60, 2,
                        new SaleSchedule(at.apply(Duration.ofMinutes(-1)), at.apply(Duration.ofHours(1)), 5, 5, 0)),
                product(HOME, "프리미엄 극세사 차렵이불 퀸", "사계절용 극세사 차렵이불, 항균 처리 충전재. 퀸 사이즈 200×230cm.",
                        89_000L, 39_900, 3, 1,
                        new SaleSchedule(at.apply(Duration.ofHours(6)), null, 1, 10, 60)));
    }

    private static NewProduct product(long categoryId, String name, String description, Long listPrice,
                                      long salePrice, int stock, int perShopperLimit, SaleSchedule schedule) {
        return new NewProduct(new ProductDetails(categoryId, name, description, listPrice, salePrice, perShopperLimit),
                stock, schedule);
    }
}
