package dev.astraphe.queue.admission;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admission signing key and token lifetime. The private key is a P-256 JWK, either in a file
 * (the local stack writes {@code .local/keys/admission-ec.json}) or inline. {@code publicJwks} is
 * only read by verifiers; it is bound here so one property set serves every app.
 */
@ConfigurationProperties("astraphe.admission")
record AdmissionProperties(Path keyFile, String privateJwk, String publicJwks, @DefaultValue("10m") Duration ttl) {
}
