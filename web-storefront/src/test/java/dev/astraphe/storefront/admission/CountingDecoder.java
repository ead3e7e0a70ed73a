package dev.astraphe.storefront.admission;

import static dev.astraphe.storefront.TestAdmissionKeys.K1;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The storefront's kind of decoder (ES256, key k1 accepted), counting the tokens it was asked to decode. */
final class CountingDecoder implements JwtDecoder {

    final NimbusJwtDecoder nimbus = NimbusJwtDecoder
            .withJwkSource(new ImmutableJWKSet<SecurityContext>(new JWKSet(K1.toPublicJWK())))
            .jwsAlgorithm(SignatureAlgorithm.ES256).build();
    final AtomicInteger decodes = new AtomicInteger();

    @Override
    public Jwt decode(String token) {
        decodes.incrementAndGet();
        return nimbus.decode(token);
    }
}
