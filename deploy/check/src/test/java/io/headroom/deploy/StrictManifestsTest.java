package io.headroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictManifestsTest {
    private final StrictManifests manifests = new StrictManifests();

    private List<HasMetadata> parseBroken(String name) throws IOException {
        return manifests.parse(Files.readString(Path.of("src/test/resources/broken", name)), name);
    }

    @Test
    void readsAValidManifestIntoItsModel() {
        List<HasMetadata> parsed = manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: ok }
                spec:
                  selector: { matchLabels: { app: ok } }
                  template:
                    metadata: { labels: { app: ok } }
                    spec:
                      containers: [ { name: app, image: "headroom:1", imagePullPolicy: Always } ]
                ---
                """, "inline");
        assertThat(parsed).singleElement().isInstanceOf(Deployment.class);
        Deployment deployment = (Deployment) parsed.getFirst();
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImagePullPolicy())
                .isEqualTo("Always");
    }

    @Test
    void aMisspeltFieldFailsWithItsPath() {
        assertThatThrownBy(() -> parseBroken("unknown-field.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("imagePulPolicy")
                .hasMessageContaining("spec.template.spec.containers[0].imagePulPolicy");
    }

    @Test
    void aMisspeltFieldInACustomResourceFails() {
        assertThatThrownBy(() -> parseBroken("servicemonitor-unknown-field.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("spec.endpoints[0].bearerTokenSecrett");
        assertThatThrownBy(() -> parseBroken("vpa-unknown-field.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("spec.updateMode");
    }

    @Test
    void aNumberWhereTheApiWantsAStringFails() {
        assertThatThrownBy(() -> parseBroken("configmap-number.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("data.HEADROOM_PORT");
    }

    @Test
    void anApiVersionWithoutAModelFails() {
        assertThatThrownBy(() -> parseBroken("hpa-v1.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("no API model for apiVersion 'autoscaling/v1' kind 'HorizontalPodAutoscaler'");
    }

    @Test
    void aKeyGivenTwiceFails() {
        assertThatThrownBy(() -> parseBroken("duplicate-key.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("Duplicate field 'name'");
    }
}
