package dev.astraphe.queue.admission;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admission signing key. The private key is a P-256 JWK, either in a file (the local stack writes
 * {@code .local/keys/admission-ec.json}) or inline. {@code publicJwks} is only read by verifiers; it is bound here
 * so one property set serves every app. A token lasts as long as its admission holds a unit
 * ({@code astraphe.queue.admitted-hold}): one setting, so that the waiting room never calls admitted a shopper whose
 * token the storefront refuses as expired, which would send them back and forth between the two.
 */
@ConfigurationProperties("astraphe.admission")
record AdmissionProperties(Path keyFile, String privateJwk, String publicJwks) {
}
