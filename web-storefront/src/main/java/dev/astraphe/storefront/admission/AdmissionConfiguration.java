package dev.astraphe.storefront.admission;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder is built here, not by the OAuth2 resource server: the admission cookie never
 * authenticates anyone, it is checked against the shopper who is already logged in.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

    @Bean
    AdmissionVerifier admissionVerifier(AdmissionProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withJwkSource(new ImmutableJWKSet<SecurityContext>(AcceptedKeys.load(properties)))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        return new AdmissionVerifier(decoder, Clock.systemUTC(), AdmissionVerifier.MAX_CACHED);
    }
}
