package com.followup.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessAnnotationCheckTest {
    @Path("/open")
    public static class ForgottenAnnotation {
        @GET
        @PermitAll
        public String read() {
            return "fine";
        }

        @POST
        public String write() {
            return "open to anyone";
        }

        public String helper() {
            return "not a resource method";
        }
    }

    @Path("/guarded")
    @RolesAllowed("ADMIN")
    public static class ClassLevelAnnotation {
        @GET
        public String read() {
            return "admins only";
        }
    }

    @Test
    void findsAResourceMethodWithoutAccessAnnotation() {
        assertThat(AccessAnnotationCheck.unannotatedMethods(List.of(ForgottenAnnotation.class)))
                .containsExactly(ForgottenAnnotation.class.getName() + "#write");
        assertThatThrownBy(() -> AccessAnnotationCheck.requireAnnotated(List.of(ForgottenAnnotation.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start")
                .hasMessageContaining("#write");
    }

    @Path("/denied")
    @jakarta.annotation.security.DenyAll
    public static class ClassLevelDenyAll {
        @GET
        public String read() {
            return "Jersey would let any logged-in user in";
        }
    }

    @Test
    void refusesAClassLevelDenyAllBecauseJerseyIgnoresIt() {
        assertThat(AccessAnnotationCheck.unannotatedMethods(List.of(ClassLevelDenyAll.class)))
                .containsExactly(ClassLevelDenyAll.class.getName() + "#read");
    }

    @Test
    void acceptsAClassLevelAnnotation() {
        assertThat(AccessAnnotationCheck.unannotatedMethods(List.of(ClassLevelAnnotation.class)))
                .isEmpty();
    }
}
