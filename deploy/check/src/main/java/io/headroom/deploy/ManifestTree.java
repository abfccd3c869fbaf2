package io.headroom.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every manifest file under a directory (deploy/k8s), parsed strictly one by one: bases, overlay
 * patches, templates. Kustomization files are kustomize's own format, not API objects: they are
 * checked by rendering them (Kustomize).
 */
public final class ManifestTree {
    private ManifestTree() {}

    public static Map<Path, List<HasMetadata>> parseAll(Path root, StrictManifests manifests) throws IOException {
        Map<Path, List<HasMetadata>> parsed = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(ManifestTree::isManifest).sorted().toList()) {
                parsed.put(
                        root.relativize(file),
                        manifests.parse(
                                Files.readString(file), root.relativize(file).toString()));
            }
        }
        if (parsed.isEmpty()) {
            throw new ManifestException("no manifest under " + root);
        }
        return parsed;
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file)
                && (name.endsWith(".yaml") || name.endsWith(".yml"))
                && !name.equals("kustomization.yaml")
                && !name.equals("kustomization.yml");
    }
}
