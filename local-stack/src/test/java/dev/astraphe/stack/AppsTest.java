package dev.astraphe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppsTest {

    private final Map<String, String> none = Map.of();
    private final Apps apps = new Apps(StackPaths.at(Path.of(".")), StackPorts.resolve(none::get, none::get),
            Database.local(15432), new KeyMaterial.KeyFiles(Path.of("keys/ec.json"), Path.of("keys/ec.pub.json"), Path.of("keys/hmac.txt")));

    private AppSpec app(String module) {
        return apps.specs().stream().filter(a -> a.module().equals(module)).findFirst().orElseThrow();
    }

    @Test
    void onlyQueueEdgeHoldsTheSigningKeyAndTheTicketSecretTheStorefrontGetsThePublicKey() {
        assertThat(app("queue-edge").args()).contains(
                "--astraphe.admission.key-file=" + Path.of("keys/ec.json"),
                "--astraphe.ticket.secret-file=" + Path.of("keys/hmac.txt"));
        assertThat(app("web-storefront").args())
                .containsExactly("--astraphe.admission.public-jwks-file=" + Path.of("keys/ec.pub.json"));
        for (AppSpec app : apps.specs()) {
            if (app.module().equals("queue-edge")) {
                continue;
            }
            List<String> args = app.args();
            assertThat(String.join(" ", args)).as(app.module())
                    .doesNotContain("ec.json", "hmac.txt", "private-jwk", "key-file", "ticket.secret");
            assertThat(apps.environment(app).keySet()).as(app.module())
                    .noneMatch(name -> name.contains("ADMISSION") || name.contains("TICKET"));
        }
    }

    @Test
    void theStorefrontAndTheConsoleShareTheStacksS3AsTheirImageStore() {
        for (String module : new String[] {"web-storefront", "seller-console"}) {
            AppSpec app = app(module);
            assertThat(apps.environment(app)).as(module)
                    .containsEntry("ASTRAPHE_IMAGES_ENDPOINT", "http://127.0.0.1:19090")
                    .containsEntry("ASTRAPHE_IMAGES_BUCKET", "astraphe-images")
                    .containsEntry("ASTRAPHE_IMAGES_PATH_STYLE", "true")
                    .containsKeys("ASTRAPHE_IMAGES_ACCESS_KEY", "ASTRAPHE_IMAGES_SECRET_KEY");
        }
    }
}
