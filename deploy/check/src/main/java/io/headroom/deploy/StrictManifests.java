package io.headroom.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.autoscaling.api.model.v1.VerticalPodAutoscaler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes manifests (one or more YAML documents) into the fabric8 model classes of the
 * Kubernetes API, refusing what an API server would refuse as written: an apiVersion/kind without
 * a model here, a field the API does not have, a number or boolean where the API wants a string
 * (or the reverse), a key given twice.
 *
 * <p>fabric8's classes keep unknown fields in an "additionalProperties" map (a Jackson any-setter)
 * so that a client never loses data; this reader switches those any-setters off, so an unknown
 * field is an error naming its path instead.
 */
public final class StrictManifests {
    /** The kinds the deployment uses, by "apiVersion/kind". CRDs: VPA and the Prometheus Operator. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling.k8s.io/v1/VerticalPodAutoscaler", VerticalPodAutoscaler.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("batch/v1/Job", Job.class));

    private final ObjectMapper mapper = strictMapper();

    /** Every document of {@code yaml} as its model object; {@code source} names it in errors. */
    public List<HasMetadata> parse(String yaml, String source) {
        List<HasMetadata> resources = new ArrayList<>();
        int document = 0;
        try (MappingIterator<JsonNode> documents =
                mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                document++;
                if (node == null || node.isNull() || node.isMissingNode() || node.isEmpty()) {
                    continue; // an empty document between two "---"
                }
                resources.add(toModel(node, source + " (document " + document + ")"));
            }
        } catch (IOException e) {
            throw new ManifestException(
                    source + " (document " + (document + 1) + "): not valid YAML: " + JacksonPaths.message(e), e);
        }
        return resources;
    }

    private HasMetadata toModel(JsonNode node, String where) {
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        Class<? extends HasMetadata> model = MODELS.get(apiVersion + "/" + kind);
        if (model == null) {
            throw new ManifestException(where + ": no API model for apiVersion '" + apiVersion + "' kind '" + kind
                    + "' (known: " + MODELS.keySet().stream().sorted().toList() + ")");
        }
        String name = node.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new ManifestException(where + ": " + kind + " without metadata.name");
        }
        try {
            return mapper.treeToValue(node, model);
        } catch (IOException e) {
            throw new ManifestException(
                    where + ": " + kind + " " + name + ": " + JacksonPaths.message(e) + " at "
                            + JacksonPaths.describe(e),
                    e);
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasAnySetter(Annotated annotated) {
                return Boolean.FALSE; // unknown fields must fail, not land in additionalProperties
            }
        });
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // The API server does not turn "3" into 3, nor 8080 into "8080" (a ConfigMap value).
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape shape :
                List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }
}
