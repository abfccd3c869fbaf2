package io.headroom.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** Jackson errors in manifest terms: the message without Jackson's source excerpt, the field path. */
final class JacksonPaths {
    private JacksonPaths() {}

    static String message(Exception e) {
        return e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
    }

    /** The field path in manifest notation: spec.template.spec.containers[0].image. */
    static String describe(Exception e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "(no path)";
        }
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .substring(1);
    }
}
