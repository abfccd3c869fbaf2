package io.headroom.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization directory with {@code kubectl kustomize} (kustomize is built into
 * kubectl). Offline: only local bases, patches and components are used.
 */
public final class Kustomize {
    private final Path kubectl;

    public Kustomize(Path kubectl) {
        this.kubectl = kubectl;
    }

    public String render(Path directory) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                    .redirectError(errors.toFile())
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ManifestException("kubectl kustomize " + directory + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new ManifestException("kubectl kustomize " + directory + " failed: "
                        + Files.readString(errors).strip());
            }
            return output;
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
