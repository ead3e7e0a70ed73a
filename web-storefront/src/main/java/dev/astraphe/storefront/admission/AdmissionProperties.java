package dev.astraphe.storefront.admission;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which admission signing keys the storefront accepts: a JWK Set of public keys (several at once
 * while keys rotate), plus the public half of the signing key when this app is given it too.
 */
@ConfigurationProperties("astraphe.admission")
record AdmissionProperties(Path keyFile, String privateJwk, String publicJwks) {
}
