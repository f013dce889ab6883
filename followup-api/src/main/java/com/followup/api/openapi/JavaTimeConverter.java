package com.followup.api.openapi;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Iterator;

/**
 * Durations and times of day travel as ISO-8601 text, as our ObjectMapper writes them; swagger-core knows
 * instants and dates but would describe these two as Java objects (seconds, nano...).
 */
final class JavaTimeConverter implements ModelConverter {
    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        JavaType javaType = Json.mapper().constructType(type.getType());
        if (javaType != null && Duration.class.equals(javaType.getRawClass())) {
            // Java writes whole days as hours: a request may say P14D, the answer says PT336H.
            return new StringSchema()
                    .format("duration")
                    .example("P14D")
                    .description("ISO-8601 duration; answers use hours (P14D comes back as PT336H)");
        }
        if (javaType != null && LocalTime.class.equals(javaType.getRawClass())) {
            return new StringSchema().format("partial-time").example("17:00:00");
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
