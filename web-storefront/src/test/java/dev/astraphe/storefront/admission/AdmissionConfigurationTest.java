package dev.astraphe.storefront.admission;

import static dev.astraphe.storefront.ProductFixtures.token;
import static dev.astraphe.storefront.TestAdmissionKeys.K1;
import static dev.astraphe.storefront.TestAdmissionKeys.K3;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The storefront started the way the local stack and docker-compose start it: with the public key file only. */
class AdmissionConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AdmissionProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, AdmissionConfiguration.class);

    @Test
    void withThePublicKeyFileOnlyTheSigningKeysAdmissionsAreAccepted(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("admission-ec.pub.json"), new JWKSet(K1.toPublicJWK()).toString());
        Instant saleStart = Instant.now().minus(Duration.ofMinutes(1));

        runner.withPropertyValues("astraphe.admission.public-jwks-file=" + file).run(context -> {
            assertThat(context).hasNotFailed();
            AdmissionVerifier verifier = context.getBean(AdmissionVerifier.class);
            assertThat(verifier.verify(token(K1, 42L, 7L), 42L, 7L, saleStart)).isPresent();
            assertThat(verifier.verify(token(K3, 42L, 7L), 42L, 7L, saleStart)).isEmpty();
        });
    }

    @Test
    void aMissingPublicKeyFileStopsTheStartNamingTheProperty(@TempDir Path dir) {
        runner.withPropertyValues("astraphe.admission.public-jwks-file=" + dir.resolve("missing.pub.json")).run(context -> {
            assertThat(context).hasFailed();
            // the cause Spring reports, several wrappings down
            assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "IllegalStateException: Cannot read astraphe.admission.public-jwks-file (" + dir.resolve("missing.pub.json"));
        });
    }
}
