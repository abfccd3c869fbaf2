package io.headroom.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.headroom.toolkit.testing.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the tests find deploy/k8s (Surefire runs in deploy/check) and kubectl. */
final class DeployTree {
    static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();
    static final Path REPOSITORY = K8S.getParent().getParent();

    private DeployTree() {}

    static Optional<Path> kubectl() {
        return Executables.find("kubectl");
    }

    static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> kind) {
        List<T> found =
                resources.stream().filter(kind::isInstance).map(kind::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
        }
        return found.getFirst();
    }

    static boolean exists() {
        return Files.isDirectory(K8S.resolve("base"));
    }
}
