package dev.astraphe.queue.admission;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Every queue-edge test context gets a signing key generated for the run and the ticket secret of the run, shared by
 * every context as by the instances of one deployment (the app refuses to start without either), unless the test
 * configures its own.
 */
public class TestAdmissionKey implements EnvironmentPostProcessor {

    private static final String TICKET_SECRET = secret();

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // application.yaml names the file from the environment, empty when unset
        if (!StringUtils.hasText(environment.getProperty("astraphe.ticket.secret"))
                && !StringUtils.hasText(environment.getProperty("astraphe.ticket.secret-file"))) {
            environment.getPropertySources().addLast(
                    new MapPropertySource("testTicketSecret", Map.of("astraphe.ticket.secret", TICKET_SECRET)));
        }
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
