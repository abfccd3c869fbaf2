package io.headroom.deploy;

import static io.headroom.deploy.DeployTree.K8S;
import static io.headroom.deploy.DeployTree.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file under deploy/k8s parses strictly against the Kubernetes API models, and so does every
 * overlay as kustomize renders it (kubectl on the PATH; .ci/run has it, a laptop without it skips
 * those tests). A copy of the tree with one misspelt field fails both ways.
 */
class KubernetesManifestsTest {
    private final StrictManifests manifests = new StrictManifests();

    @Test
    void everyManifestFileParsesStrictly() throws IOException {
        Map<Path, List<HasMetadata>> parsed = ManifestTree.parseAll(K8S, manifests);
        assertThat(parsed.keySet())
                .map(Path::toString)
                .contains(
                        "base/deployment.yaml",
                        "base/hpa.yaml",
                        "base/vpa.yaml",
                        "base/servicemonitor.yaml",
                        "secrets/secrets.template.yaml",
                        "prometheus-adapter/adapter-rules.yaml",
                        "overlays/prod/resources.yaml");
        assertThat(parsed.values().stream()
                        .flatMap(List::stream)
                        .map(HasMetadata::getKind)
                        .distinct())
                .contains(
                        "Deployment",
                        "Service",
                        "HorizontalPodAutoscaler",
                        "VerticalPodAutoscaler",
                        "PodDisruptionBudget",
                        "ServiceMonitor",
                        "Secret",
                        "ConfigMap",
                        "ServiceAccount");
    }

    /** Rendered overlays by directory: kubectl takes a second or two per render on a busy machine. */
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private static String rendered(String directory) {
        Kustomize kustomize = kustomize();
        return RENDERED.computeIfAbsent(directory, d -> {
            try {
                return kustomize.render(K8S.resolve(d));
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("kubectl kustomize " + d, e);
            }
        });
    }

    @Test
    void everyOverlayRendersAndParsesStrictly() {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<HasMetadata> rendered = manifests.parse(rendered(overlay), overlay);
            String namespace = overlay.endsWith("prod") ? "headroom" : "headroom-dev";
            assertThat(rendered)
                    .as(overlay)
                    .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo(namespace));
            assertThat(rendered)
                    .as(overlay)
                    .extracting(HasMetadata::getKind)
                    .contains(
                            "Deployment",
                            "Service",
                            "HorizontalPodAutoscaler",
                            "VerticalPodAutoscaler",
                            "PodDisruptionBudget",
                            "ServiceMonitor",
                            "ConfigMap",
                            "ServiceAccount");
        }
        List<HasMetadata> adapter = manifests.parse(rendered("prometheus-adapter"), "prometheus-adapter");
        assertThat(adapter).extracting(HasMetadata::getKind).containsExactly("ConfigMap");
    }

    @Test
    void onlyTheDevOverlayCarriesTheSecretTemplates() {
        List<HasMetadata> dev = manifests.parse(rendered("overlays/dev"), "dev");
        List<HasMetadata> prod = manifests.parse(rendered("overlays/prod"), "prod");
        assertThat(dev)
                .filteredOn(Secret.class::isInstance)
                .extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder("headroom-database", "headroom-redis", "headroom-tokens", "headroom-jwt");
        assertThat(prod).filteredOn(Secret.class::isInstance).isEmpty();
        Deployment deployment = only(prod, Deployment.class);
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo("registry.example.com/headroom:0.1.0");
    }

    @Test
    void aMisspeltFieldInTheTreeFailsTheCheck(@TempDir Path copy) throws Exception {
        copyTree(K8S, copy);
        Path deployment = copy.resolve("base/deployment.yaml");
        String text = Files.readString(deployment);
        assertThat(text).contains("readOnlyRootFilesystem: true");
        Files.writeString(deployment, text.replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true"));

        assertThatThrownBy(() -> ManifestTree.parseAll(copy, manifests))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("base/deployment.yaml")
                .hasMessageContaining("spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
        Kustomize kustomize = kustomize();
        String rendered = kustomize.render(copy.resolve("overlays/prod"));
        assertThatThrownBy(() -> manifests.parse(rendered, "overlays/prod"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("readOnlyRootFileSystem");
    }

    private static Kustomize kustomize() {
        var kubectl = DeployTree.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not on the PATH (its built-in kustomize renders the overlays)");
        return new Kustomize(kubectl.get());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
