package com.followup.api.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Our records say "may be absent" with {@code Optional}, and our ObjectMapper writes an empty one as {@code null}.
 * swagger-core unwraps the Optional and describes only the value, so a client generated from the document would
 * refuse our own answers (issue 14). Here, once a class is described, each of its Optional properties becomes
 * {@code nullable}: a reference cannot carry {@code nullable} beside it in OpenAPI 3.0, so a nullable reference is
 * an {@code allOf} of the one reference; an enumeration lists {@code null} among its values, as OpenAPI 3.0.3 asks.
 */
final class OptionalIsNullable implements ModelConverter {
    private static final String COMPONENTS = "#/components/schemas/";

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(type, context, chain);
        JavaType javaType = Json.mapper().constructType(type.getType());
        if (resolved == null || javaType == null || javaType.isContainerType() || javaType.isReferenceType()) {
            return resolved;
        }
        Schema model = resolved;
        if (resolved.get$ref() != null && resolved.get$ref().startsWith(COMPONENTS)) {
            model = context.getDefinedModels().get(resolved.get$ref().substring(COMPONENTS.length()));
        }
        if (model != null && model.getProperties() != null) {
            markOptionalProperties(javaType, model.getProperties());
        }
        return resolved;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markOptionalProperties(JavaType javaType, Map<String, Schema> properties) {
        for (BeanPropertyDefinition property :
                Json.mapper().getSerializationConfig().introspect(javaType).findProperties()) {
            Schema schema = properties.get(property.getName());
            if (schema == null
                    || property.getPrimaryType() == null
                    || !Optional.class.equals(property.getPrimaryType().getRawClass())
                    || Boolean.TRUE.equals(schema.getNullable())) {
                continue;
            }
            if (schema.get$ref() != null) {
                properties.put(
                        property.getName(),
                        new ComposedSchema().addAllOfItem(schema).nullable(true));
                continue;
            }
            schema.nullable(true);
            if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
                schema.getEnum().add(null);
            }
        }
    }
}
