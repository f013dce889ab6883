package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.accounts.AccountBodies;
import com.followup.api.accounts.AccountBodies.InvitationView;
import com.followup.api.accounts.AccountDao.Purpose;
import com.followup.api.accounts.AccountResource;
import com.followup.api.accounts.Accounts;
import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import com.followup.api.auth.SessionCookies;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ProblemException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Account pages (issue 15): change one's password, forgot password, the page of a reset or invitation link, the
 * invitations a recruiter or admin sent, and an admin's forced reset. Thin: the use cases are {@link Accounts}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {
    public record InvitationLine(
            long id, String name, String email, String role, String invited, String expires, boolean expired) {}

    private final Portal portal;

    public AccountPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    private Accounts accounts() {
        return portal.services().accounts();
    }

    // ---- change one's own password

    @GET
    @Path("account/password")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PortalView passwordForm(@Auth UserPrincipal user, @QueryParam("saved") String saved) {
        return passwordPage(user, FormState.empty("password"), saved != null);
    }

    @POST
    @Path("account/password")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(
            @Auth UserPrincipal user,
            @CookieParam(SessionCookies.NAME) String sessionToken,
            MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("password", form).withoutPasswords();
        AccountBodies.PasswordChange change =
                new AccountBodies.PasswordChange(value(form, "currentPassword"), value(form, "newPassword"));
        var violations = portal.validator().validate(change);
        if (!violations.isEmpty()) {
            return Response.status(400)
                    .entity(passwordPage(user, typed.withViolations(violations), false))
                    .build();
        }
        try {
            accounts().changePassword(user, change, Optional.ofNullable(sessionToken));
            return Portal.seeOther("/account/password?saved=1");
        } catch (ProblemException e) {
            return Response.status(e.problem().status())
                    .entity(passwordPage(user, typed.withProblem(e, Map.of()), false))
                    .build();
        }
    }

    // ---- forgot password

    @GET
    @Path("forgot-password")
    @PermitAll
    public PortalView forgotForm(@Context SecurityContext security, @QueryParam("sent") String sent) {
        return forgotPage(security, FormState.empty("forgot"), sent != null);
    }

    @POST
    @Path("forgot-password")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestReset(@Context SecurityContext security, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("forgot", form);
        AccountBodies.ResetRequest request = new AccountBodies.ResetRequest(
                typed.values().getOrDefault("email", "").trim());
        var violations = portal.validator().validate(request);
        if (!violations.isEmpty()) {
            return Response.status(400)
                    .entity(forgotPage(security, typed.withViolations(violations), false))
                    .build();
        }
        accounts().requestReset(request.email());
        return Portal.seeOther("/forgot-password?sent=1");
    }

    // ---- the pages of the links in the mail

    @GET
    @Path("reset-password")
    @PermitAll
    public PortalView resetForm(@Context SecurityContext security, @QueryParam("token") String token) {
        return linkPage(security, Purpose.RESET, token, FormState.empty("link"));
    }

    @POST
    @Path("reset-password")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@Context SecurityContext security, MultivaluedMap<String, String> form) {
        return useLink(security, Purpose.RESET, form);
    }

    @GET
    @Path("accept-invitation")
    @PermitAll
    public PortalView invitationForm(@Context SecurityContext security, @QueryParam("token") String token) {
        return linkPage(security, Purpose.INVITATION, token, FormState.empty("link"));
    }

    @POST
    @Path("accept-invitation")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@Context SecurityContext security, MultivaluedMap<String, String> form) {
        return useLink(security, Purpose.INVITATION, form);
    }

    @GET
    @Path("password-set")
    @PermitAll
    public PortalView passwordSet(@Context SecurityContext security) {
        return new PortalView("password-set", viewer(security), "Your password is set", Map.of());
    }

    // ---- invitations

    @GET
    @Path("invitations")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public PortalView invitations(@Auth UserPrincipal user, @QueryParam("saved") String saved) {
        Map<String, String> values = Map.of(
                "role", Role.CANDIDATE.name(), "zone", portal.agencyZone().getId());
        return invitationsPage(user, FormState.of("invite", values), saved);
    }

    @POST
    @Path("invitations")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(@Auth UserPrincipal user, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("invite", form);
        Map<String, String> values = typed.values();
        AccountBodies.NewInvitation invitation = new AccountBodies.NewInvitation(
                values.getOrDefault("email", "").trim(),
                values.getOrDefault("displayName", "").trim(),
                InterviewPages.parseEnum(Role.class, values.get("role")).orElse(null),
                values.getOrDefault("zone", "").trim());
        var violations = portal.validator().validate(invitation);
        if (!violations.isEmpty()) {
            return Response.status(400)
                    .entity(invitationsPage(user, typed.withViolations(violations), null))
                    .build();
        }
        try {
            accounts().invite(user, invitation);
            return Portal.seeOther("/invitations?saved=invited");
        } catch (ProblemException e) {
            return Response.status(e.problem().status())
                    .entity(invitationsPage(user, typed.withProblem(e, Map.of()), null))
                    .build();
        }
    }

    @POST
    @Path("invitations/{id}/resend")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resend(@Auth UserPrincipal user, @PathParam("id") long id) {
        accounts().resendInvitation(user, id);
        return Portal.seeOther("/invitations?saved=resent");
    }

    @POST
    @Path("invitations/{id}/revoke")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@Auth UserPrincipal user, @PathParam("id") long id) {
        accounts().revokeInvitation(user, id);
        return Portal.seeOther("/invitations?saved=revoked");
    }

    // ---- an admin's forced reset (a button on the user's page under Administration)

    @POST
    @Path("users/{id}/password-reset")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forceReset(@Auth UserPrincipal admin, @PathParam("id") long id) {
        accounts().forceReset(admin, id);
        return Portal.seeOther("/admin/done?saved=password-reset");
    }

    private Response useLink(SecurityContext security, Purpose purpose, MultivaluedMap<String, String> form) {
        String token = value(form, "token");
        FormState typed = FormState.typed("link", form).withoutPasswords();
        AccountBodies.NewPassword request = new AccountBodies.NewPassword(token, value(form, "password"));
        var violations = portal.validator().validate(request);
        if (!violations.isEmpty()) {
            return Response.status(400)
                    .entity(linkPage(security, purpose, token, typed.withViolations(violations)))
                    .build();
        }
        try {
            if (purpose == Purpose.RESET) {
                accounts().completeReset(token, request.password());
            } else {
                accounts().acceptInvitation(token, request.password());
            }
            return Portal.seeOther("/password-set");
        } catch (ProblemException e) {
            return Response.status(e.problem().status())
                    .entity(linkPage(security, purpose, token, typed.withProblem(e, Map.of())))
                    .build();
        }
    }

    private PortalView passwordPage(UserPrincipal user, FormState form, boolean saved) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("hint", PasswordRules.HINT);
        model.put("saved", saved);
        return new PortalView("account-password", portal.viewer(user), "Change your password", model);
    }

    private PortalView forgotPage(SecurityContext security, FormState form, boolean sent) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("sent", sent ? AccountResource.RESET_REQUESTED : "");
        return new PortalView("forgot-password", viewer(security), "Forgot your password?", model);
    }

    private PortalView linkPage(SecurityContext security, Purpose purpose, String token, FormState form) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("hint", PasswordRules.HINT);
        model.put("token", token == null ? "" : token);
        model.put("action", purpose == Purpose.RESET ? "/reset-password" : "/accept-invitation");
        accounts().holder(token, purpose).ifPresent(holder -> {
            model.put("email", holder.email());
            model.put("name", holder.displayName());
        });
        String title = purpose == Purpose.RESET ? "Choose a new password" : "Welcome: choose your password";
        return new PortalView("set-password", viewer(security), title, model);
    }

    private PortalView invitationsPage(UserPrincipal user, FormState form, String saved) {
        Viewer viewer = portal.viewer(user);
        List<InvitationView> pending = accounts().pendingInvitations(user);
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put(
                "roles",
                user.role() == Role.ADMIN
                        ? InterviewPages.options(new Role[] {Role.CANDIDATE, Role.RECRUITER})
                        : InterviewPages.options(new Role[] {Role.CANDIDATE}));
        model.put(
                "pending",
                pending.stream()
                        .map(invitation -> new InvitationLine(
                                invitation.id(),
                                invitation.displayName(),
                                invitation.email(),
                                Texts.label(invitation.role()),
                                Texts.when(invitation.invitedAt(), viewer.zone()),
                                Texts.when(invitation.expiresAt(), viewer.zone()),
                                invitation.expired()))
                        .toList());
        model.put(
                "saved",
                saved == null
                        ? ""
                        : switch (saved) {
                            case "invited" -> "Invitation sent: they choose their password through the link.";
                            case "resent" -> "Invitation sent again with a new link; the old link no longer works.";
                            case "revoked" -> "Invitation revoked: its link no longer works and the login is off.";
                            default -> "";
                        });
        return new PortalView("invitations", viewer, "Invitations", model);
    }

    private Viewer viewer(SecurityContext security) {
        return security.getUserPrincipal() instanceof UserPrincipal user ? portal.viewer(user) : null;
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }
}
