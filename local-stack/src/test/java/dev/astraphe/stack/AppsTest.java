package dev.astraphe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppsTest {

    private final Map<String, String> none = Map.of();
    private final Apps apps = new Apps(StackPaths.at(Path.of(".")), StackPorts.resolve(none::get, none::get),
            Database.local(15432), new KeyMaterial.KeyFiles(Path.of("ec.json"), Path.of("hmac.txt")));

    @Test
    void theStorefrontAndTheConsoleShareTheStacksS3AsTheirImageStore() {
        for (String module : new String[] {"web-storefront", "seller-console"}) {
            AppSpec app = apps.specs().stream().filter(a -> a.module().equals(module)).findFirst().orElseThrow();
            assertThat(apps.environment(app)).as(module)
                    .containsEntry("ASTRAPHE_IMAGES_ENDPOINT", "http://127.0.0.1:19090")
                    .containsEntry("ASTRAPHE_IMAGES_BUCKET", "astraphe-images")
                    .containsEntry("ASTRAPHE_IMAGES_PATH_STYLE", "true")
                    .containsKeys("ASTRAPHE_IMAGES_ACCESS_KEY", "ASTRAPHE_IMAGES_SECRET_KEY");
        }
    }
}
