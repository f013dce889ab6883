package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.companies.Companies;
import com.followup.api.companies.CompanyBodies.CompanyRequest;
import com.followup.api.companies.CompanyBodies.CompanyView;
import com.followup.api.companies.CompanyBodies.ContactRequest;
import com.followup.api.companies.CompanyBodies.ContactView;
import com.followup.api.representations.Page;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Client companies with their rule overrides (R7, R8, R10, R11, R18), and their contacts: HTTP over {@link Companies}. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyResource {
    private final Companies companies;

    public CompanyResource(Companies companies) {
        this.companies = requireNonNull(companies, "companies is null");
    }

    @GET
    @Path("/companies")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public Page<CompanyView> list(
            @Auth UserPrincipal user,
            @QueryParam("q") String query,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return companies.list(user, query, limit, offset);
    }

    @GET
    @Path("/companies/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public CompanyView get(@Auth UserPrincipal user, @PathParam("id") long id) {
        return companies.get(user, id);
    }

    @POST
    @Path("/companies")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @ApiResponse(
            responseCode = "201",
            description = "The new company",
            content = @Content(schema = @Schema(implementation = CompanyView.class)))
    public Response create(@Auth UserPrincipal user, @NotNull @Valid CompanyRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(companies.create(user, request))
                .build();
    }

    @PUT
    @Path("/companies/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public CompanyView update(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid CompanyRequest request) {
        return companies.update(user, id, request);
    }

    @GET
    @Path("/companies/{id}/contacts")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public List<ContactView> contacts(@Auth UserPrincipal user, @PathParam("id") long companyId) {
        return companies.contacts(user, companyId);
    }

    @POST
    @Path("/companies/{id}/contacts")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    @ApiResponse(
            responseCode = "201",
            description = "The new contact",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    public Response createContact(
            @Auth UserPrincipal user, @PathParam("id") long companyId, @NotNull @Valid ContactRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(companies.createContact(user, companyId, request))
                .build();
    }

    @GET
    @Path("/contacts/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public ContactView getContact(@Auth UserPrincipal user, @PathParam("id") long id) {
        return companies.contact(user, id);
    }

    @PUT
    @Path("/contacts/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public ContactView updateContact(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid ContactRequest request) {
        return companies.updateContact(user, id, request);
    }
}
