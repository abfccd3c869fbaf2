package io.headroom.deploy;

import static io.headroom.deploy.DeployTree.K8S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/load: the Indexed Job that runs {@code headroom load --segment i/n} in n pods, and the merge
 * Job after it. The segment count is written in several places; they must agree, or the merge would
 * refuse the run (a missing segment) or the segments would not add up to the scenario.
 */
class LoadJobTest {
    private final StrictManifests manifests = new StrictManifests();

    private Job job(String file) throws Exception {
        List<HasMetadata> parsed =
                manifests.parse(Files.readString(K8S.resolve("load").resolve(file)), file);
        return DeployTree.only(parsed, Job.class);
    }

    @Test
    void theSegmentsAreOneIndexedJobAndTheMergeReadsEachOfThem() throws Exception {
        Job load = job("job.yaml");
        int n = load.getSpec().getCompletions();
        assertThat(load.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(load.getSpec().getParallelism())
                .as("all segments run at once")
                .isEqualTo(n);
        Container segment =
                load.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(segment.getArgs()).containsSubsequence("--segment", "$(JOB_COMPLETION_INDEX)/" + n);
        assertThat(segment.getArgs()).contains("/results/segment-$(JOB_COMPLETION_INDEX)");
        assertThat(segment.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX"));
        assertThat(segment.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dirs.add("/results/segment-" + i);
        }
        List<String> mergeArgs = job("merge-job.yaml")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getArgs();
        assertThat(mergeArgs.getFirst()).isEqualTo("merge");
        assertThat(mergeArgs.subList(1, mergeArgs.indexOf("--out"))).containsExactlyElementsOf(dirs);
    }

    @Test
    void theLoadKustomizationRendersAndParsesStrictly() throws Exception {
        var kubectl = DeployTree.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not on the PATH (its built-in kustomize renders the overlays)");
        List<HasMetadata> rendered = manifests.parse(new Kustomize(kubectl.get()).render(K8S.resolve("load")), "load");
        assertThat(rendered)
                .extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ConfigMap", "PersistentVolumeClaim", "Job");
    }
}
