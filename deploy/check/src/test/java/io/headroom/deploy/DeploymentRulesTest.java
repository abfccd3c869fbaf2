package io.headroom.deploy;

import static io.headroom.deploy.DeployTree.K8S;
import static io.headroom.deploy.DeployTree.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.autoscaling.api.model.v1.VerticalPodAutoscaler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the base manifests must keep beyond being valid API objects: the probes on the health routes
 * of docs/api.md, a termination grace that covers the drain, a locked-down pod, the autoscaling
 * policy (SCALE-3), and names that agree across files (Secret keys, metric names, labels).
 */
class DeploymentRulesTest {
    private static final StrictManifests MANIFESTS = new StrictManifests();
    private static List<HasMetadata> base;

    @BeforeAll
    static void parseBase() throws IOException {
        base = new ArrayList<>();
        ManifestTree.parseAll(K8S.resolve("base"), MANIFESTS).values().forEach(base::addAll);
    }

    private static Container container() {
        return podSpec().getContainers().getFirst();
    }

    private static PodSpec podSpec() {
        return only(base, Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> config() {
        return only(base, ConfigMap.class).getData();
    }

    @Test
    void probesUseTheHealthRoutesOfTheApi() throws IOException {
        Container container = container();
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/api/health");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/api/health");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/api/health/ready");
        String api = Files.readString(DeployTree.REPOSITORY.resolve("docs/api.md"));
        assertThat(api).contains("`GET /api/health`", "`GET /api/health/ready`");
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName())
                    .isEqualTo(
                            container.getLivenessProbe().getHttpGet().getPort().getStrVal());
            assertThat(port.getContainerPort()).isEqualTo(Integer.parseInt(config().get("HEADROOM_PORT")));
        });
    }

    @Test
    void terminationGraceCoversThePreStopSleepAndTheDrain() {
        List<String> preStop = container().getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        long preStopSeconds = Long.parseLong(preStop.get(1));
        long drainSeconds = seconds(config().get("HEADROOM_SHUTDOWN_GRACE"));
        assertThat(preStopSeconds).isBetween(3L, 15L);
        assertThat(podSpec().getTerminationGracePeriodSeconds())
                .as("grace %d s + preStop %d s + a margin", drainSeconds, preStopSeconds)
                .isGreaterThanOrEqualTo(drainSeconds + preStopSeconds + 5);
    }

    @Test
    void thePodRunsAsNonRootOnAReadOnlyRootWithoutPrivileges() {
        var pod = podSpec().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isPositive();
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var securityContext = container().getSecurityContext();
        assertThat(securityContext.getReadOnlyRootFilesystem()).isTrue();
        assertThat(securityContext.getAllowPrivilegeEscalation()).isFalse();
        assertThat(securityContext.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(securityContext.getCapabilities().getAdd()).isNullOrEmpty();
        // The writable places: /tmp and the data directory, both emptyDir volumes.
        assertThat(container().getVolumeMounts())
                .extracting(VolumeMount::getMountPath)
                .contains("/tmp", config().get("HEADROOM_DATA_DIR"));
        for (String mount : List.of("/tmp", config().get("HEADROOM_DATA_DIR"))) {
            String volume = container().getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals(mount))
                    .findFirst()
                    .orElseThrow()
                    .getName();
            assertThat(podSpec().getVolumes())
                    .filteredOn(v -> v.getName().equals(volume))
                    .singleElement()
                    .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
        }
        assertThat(container().getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container().getResources().getLimits().get("memory"))
                .isEqualTo(container().getResources().getRequests().get("memory"));
    }

    @Test
    void theHpaScalesOnCpuMemoryRateAndP95UpFastAndDownSlowly() {
        HorizontalPodAutoscaler hpa = only(base, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(only(base, Deployment.class).getMetadata().getName());
        List<MetricSpec> metrics = hpa.getSpec().getMetrics();
        assertThat(metrics)
                .filteredOn(m -> m.getResource() != null)
                .extracting(m -> m.getResource().getName() + "="
                        + m.getResource().getTarget().getAverageUtilization())
                .containsExactlyInAnyOrder("cpu=70", "memory=80");
        assertThat(metrics)
                .filteredOn(m -> m.getPods() != null)
                .extracting(m -> m.getPods().getMetric().getName())
                .containsExactlyInAnyOrder("http_server_requests_per_second", "http_server_requests_p95_seconds");

        var up = hpa.getSpec().getBehavior().getScaleUp();
        assertThat(up.getStabilizationWindowSeconds()).isZero();
        assertThat(up.getSelectPolicy()).isEqualTo("Max");
        assertThat(up.getPolicies())
                .extracting(p -> p.getType() + "/" + p.getValue() + "/" + p.getPeriodSeconds())
                .containsExactlyInAnyOrder("Percent/100/15", "Pods/4/15");
        var down = hpa.getSpec().getBehavior().getScaleDown();
        assertThat(down.getStabilizationWindowSeconds()).isEqualTo(300);
        assertThat(down.getPolicies())
                .extracting(HPAScalingPolicy::getType, HPAScalingPolicy::getValue, HPAScalingPolicy::getPeriodSeconds)
                .containsExactly(tuple("Percent", 10, 60));

        // A full heap plus ~25 % of non-heap must stay under the memory target, or memory alone
        // would keep the HPA from scaling down (a JVM rarely returns memory).
        Matcher heap = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(config().get("JAVA_TOOL_OPTIONS"));
        assertThat(heap.find()).isTrue();
        int memoryTarget = metrics.stream()
                .filter(m ->
                        m.getResource() != null && m.getResource().getName().equals("memory"))
                .findFirst()
                .orElseThrow()
                .getResource()
                .getTarget()
                .getAverageUtilization();
        assertThat(Integer.parseInt(heap.group(1)) + 25).isLessThanOrEqualTo(memoryTarget);

        // The PDB keeps 2; with the HPA's minimum above it, a drain can still evict one pod.
        PodDisruptionBudget pdb = only(base, PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThan(2);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(only(base, Deployment.class).getSpec().getSelector().getMatchLabels());
        // The HPA owns the count: a replicas field in the Deployment would reset it on each apply.
        assertThat(only(base, Deployment.class).getSpec().getReplicas()).isNull();
    }

    @Test
    void theCustomMetricsTheHpaReadsAreServedByTheAdapterRules() throws IOException {
        List<HasMetadata> adapter = MANIFESTS.parse(
                Files.readString(K8S.resolve("prometheus-adapter/adapter-rules.yaml")), "adapter-rules.yaml");
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(only(adapter, ConfigMap.class).getData().get("config.yaml"))
                .get("rules");
        List<String> served = new ArrayList<>();
        for (JsonNode rule : rules) {
            served.add(rule.get("name").get("as").asText());
            assertThat(rule.get("seriesQuery").asText()).startsWith("http_server_requests_seconds_");
            assertThat(rule.get("metricsQuery").asText()).contains("<<.Series>>", "<<.LabelMatchers>>", "<<.GroupBy>>");
            assertThat(rule.get("resources")
                            .get("overrides")
                            .get("pod")
                            .get("resource")
                            .asText())
                    .isEqualTo("pod");
        }
        List<String> read = only(base, HorizontalPodAutoscaler.class).getSpec().getMetrics().stream()
                .filter(m -> m.getPods() != null)
                .map(m -> m.getPods().getMetric().getName())
                .toList();
        assertThat(served).containsAll(read);
    }

    @Test
    void theVpaOnlyRecommends() {
        VerticalPodAutoscaler vpa = only(base, VerticalPodAutoscaler.class);
        assertThat(vpa.getSpec().getUpdatePolicy().getUpdateMode()).isEqualTo("Off");
        assertThat(vpa.getSpec().getTargetRef().getName())
                .isEqualTo(only(base, Deployment.class).getMetadata().getName());
    }

    @Test
    void theServiceMonitorScrapesWithTheMetricsTokenThePodsRead() {
        ServiceMonitor monitor = only(base, ServiceMonitor.class);
        Service service = only(base, Service.class);
        Endpoint endpoint = monitor.getSpec().getEndpoints().getFirst();
        assertThat(endpoint.getPath()).isEqualTo("/metrics");
        assertThat(service.getSpec().getPorts())
                .extracting(port -> port.getName())
                .contains(endpoint.getPort());
        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(endpoint.getAuthorization().getType()).isEqualTo("Bearer");
        SecretKeySelector scraped = endpoint.getAuthorization().getCredentials();
        SecretKeySelector read = env("HEADROOM_METRICS_TOKEN").getValueFrom().getSecretKeyRef();
        assertThat(scraped.getName() + "/" + scraped.getKey()).isEqualTo(read.getName() + "/" + read.getKey());
        assertThat(service.getSpec().getSelector())
                .isEqualTo(only(base, Deployment.class).getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theSecretTemplatesHoldPlaceholdersForEveryKeyThePodReads() throws IOException {
        List<HasMetadata> templates = MANIFESTS.parse(
                Files.readString(K8S.resolve("secrets/secrets.template.yaml")), "secrets.template.yaml");
        Map<String, Map<String, String>> byName = new HashMap<>();
        for (HasMetadata resource : templates) {
            Secret secret = (Secret) resource;
            assertThat(secret.getData()).as("templates use stringData only").isNullOrEmpty();
            byName.put(secret.getMetadata().getName(), secret.getStringData());
            secret.getStringData().forEach((key, value) -> {
                if (key.matches(".*(password|token|secret).*") && !key.startsWith("previous-")) {
                    assertThat(value)
                            .as(secret.getMetadata().getName() + "/" + key)
                            .contains("CHANGE-ME");
                }
            });
        }
        for (EnvVar env : container().getEnv()) {
            SecretKeySelector ref =
                    env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
            if (ref != null) {
                assertThat(byName).as(env.getName()).containsKey(ref.getName());
                assertThat(byName.get(ref.getName())).as(env.getName()).containsKey(ref.getKey());
            }
        }
        // The signing secret is shared by every pod through a Secret, never a literal in the manifests.
        SecretKeySelector jwt = env("HEADROOM_JWT_SECRET").getValueFrom().getSecretKeyRef();
        assertThat(jwt.getOptional())
                .as("a pod without the signing secret must not start")
                .isNotEqualTo(true);
        assertThat(byName.get(jwt.getName()).get(jwt.getKey())).contains("CHANGE-ME");
        assertThat(container().getEnv())
                .filteredOn(e -> e.getValue() != null && e.getName().matches(".*(SECRET|PASSWORD|TOKEN).*"))
                .as("secrets come from Secrets, not literal values")
                .isEmpty();
    }

    private static EnvVar env(String name) {
        return container().getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** "20s", "1m", "500ms" as whole seconds (the service's duration syntax, README.md). */
    private static long seconds(String duration) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(duration);
        assertThat(m.matches()).as("duration " + duration).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n).toSeconds();
            case "s" -> n;
            default -> Duration.ofMinutes(n).toSeconds();
        };
    }
}
