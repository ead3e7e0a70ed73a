package dev.astraphe.queue.admission;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every queue-edge test context gets a signing key generated for the run (the app refuses to start
 * without one), unless the test configures its own.
 */
public class TestAdmissionKey implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("astraphe.admission.private-jwk")
                || environment.containsProperty("astraphe.admission.key-file")) {
            return;
        }
        try {
            String jwk = new ECKeyGenerator(Curve.P_256).keyID("test-key").generate().toJSONString();
            environment.getPropertySources().addLast(
                    new MapPropertySource("testAdmissionKey", Map.of("astraphe.admission.private-jwk", jwk)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
