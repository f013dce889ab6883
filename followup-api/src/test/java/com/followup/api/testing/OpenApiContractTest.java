package com.followup.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check every end-to-end answer goes through ({@link OpenApiContract}) refuses what the document does not allow,
 * and allows the nullable shapes our generator writes; shown on a small document of the same shapes.
 */
class OpenApiContractTest {
    private static final String DOCUMENT =
            """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
             "paths": {"/api/things/{id}": {"get": {
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
               "responses": {"200": {"description": "a thing", "content": {"application/json": {
                 "schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
             "components": {"schemas": {
               "Part": {"type": "object", "properties": {"name": {"type": "string"}}},
               "Thing": {"type": "object", "properties": {
                 "title": {"type": "string"},
                 "note": {"type": "string", "nullable": true},
                 "part": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Part"}]},
                 "kind": {"type": "string", "nullable": true, "enum": ["A", "B", null]},
                 "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}}}}}}}
            """;

    private static OpenApiInteractionValidator validator;

    @BeforeAll
    static void readTheDocument() throws Exception {
        validator = OpenApiContract.validator(DOCUMENT);
    }

    private static String check(String body) {
        return OpenApiContract.failures(validator, "GET", "/api/things/7", 200, "application/json", body);
    }

    @Test
    void anAnswerTheDocumentAllowsPasses() {
        assertThat(
                        check(
                                """
                        {"title": "x", "note": "n", "part": {"name": "p"}, "kind": "A", "findings": [{"name": "f"}]}"""))
                .isEmpty();
        assertThat(
                        check(
                                """
                        {"title": "x", "note": null, "part": null, "kind": null, "findings": []}"""))
                .isEmpty();
    }

    @Test
    void nullWhereTheDocumentDoesNotAllowItFails() {
        assertThat(check("""
                        {"title": null}""")).contains("/title");
    }

    @Test
    void anObjectWhereTheDocumentSaysArrayFails() {
        assertThat(check("""
                        {"findings": {"name": "f"}}"""))
                .contains("/findings");
    }

    @Test
    void aReferencedObjectOfTheWrongShapeStillFailsWhenItMayBeNull() {
        assertThat(check("""
                        {"part": "not an object"}"""))
                .contains("/part");
    }

    @Test
    void aValueOutsideTheEnumerationFails() {
        assertThat(check("""
                        {"kind": "C"}""")).contains("/kind");
    }
}
