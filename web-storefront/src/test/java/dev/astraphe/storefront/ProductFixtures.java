package dev.astraphe.storefront;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductDetails;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/** Products in each sale state, and admission tokens signed the way queue-edge signs them. */
public final class ProductFixtures {

    public static final long FOOD = 1000L;

    private final ProductRepository products;
    private final CompanyRepository companies;

    public ProductFixtures(ProductRepository products, CompanyRepository companies) {
        this.products = products;
        this.companies = companies;
    }

    public Product product(String name, String description, int stock, Instant startsAt, Instant endsAt) {
        Company company = companies.save(new Company("Acme", UUID.randomUUID().toString().substring(0, 12), "", ""));
        ProductDetails details = new ProductDetails(FOOD, name, description, 20000L, 15000L, 2);
        return products.save(new Product(company.getId(), details, stock, SaleSchedule.startingAt(startsAt, endsAt), null));
    }

    public Product live(String name) {
        return product(name, "", 10, Instant.now().minus(Duration.ofMinutes(5)), null);
    }

    public static String token(ECKey key, String kid, long userId, long productId, Instant expiresAt) throws Exception {
        return token(key, kid, userId, productId, Instant.now().truncatedTo(ChronoUnit.SECONDS), expiresAt);
    }

    public static String token(ECKey key, String kid, long userId, long productId, Instant issuedAt, Instant expiresAt)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(Long.toString(userId)).claim("pid", productId)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    public static String token(ECKey key, long userId, long productId) throws Exception {
        return token(key, key.getKeyID(), userId, productId, Instant.now().plus(Duration.ofMinutes(10)));
    }
}
