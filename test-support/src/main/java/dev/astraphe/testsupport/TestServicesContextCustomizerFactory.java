package dev.astraphe.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Turns {@link UsesPostgres}, {@link UsesRedis}, {@link UsesKafka} and {@link UsesS3} on a test class into the
 * Spring properties of real, running services. Each test context with Postgres gets its own database, each one
 * with S3 its own bucket.
 */
class TestServicesContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        MergedAnnotations annotations = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY);
        boolean pg = annotations.isPresent(UsesPostgres.class);
        boolean redis = annotations.isPresent(UsesRedis.class);
        boolean kafka = annotations.isPresent(UsesKafka.class);
        boolean s3 = annotations.isPresent(UsesS3.class);
        return pg || redis || kafka || s3 ? new Customizer(pg, redis, kafka, s3) : null;
    }

    private record Customizer(boolean pg, boolean redis, boolean kafka, boolean s3) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> props = new LinkedHashMap<>();
            if (pg) {
                props.put("spring.datasource.url", TestServices.newPostgresDatabase());
                props.put("spring.datasource.username", "postgres");
                props.put("spring.datasource.password", "");
                props.put("spring.flyway.enabled", "true");
            }
            if (redis) {
                props.put("spring.data.redis.host", "127.0.0.1");
                props.put("spring.data.redis.port", TestServices.redisPort());
            }
            if (kafka) {
                props.put("spring.kafka.bootstrap-servers", TestServices.kafkaBootstrapServers());
                props.put("logging.level.org.apache.kafka", "WARN");
                props.put("logging.level.kafka", "WARN");
            }
            if (s3) {
                props.put("astraphe.images.endpoint", TestServices.s3Endpoint());
                props.put("astraphe.images.bucket", TestServices.newS3Bucket());
                props.put("astraphe.images.path-style", "true");
                // s3mock checks no signature, but the SDK signs every request and needs a key to sign with
                props.put("astraphe.images.access-key", "test");
                props.put("astraphe.images.secret-key", "test");
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("astraphe-test-services", props));
        }
    }
}
