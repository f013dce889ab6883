package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.companies.CompanyBodies.ContactView;
import com.followup.api.interviews.InterviewBodies.InterviewView;
import com.followup.api.interviews.InterviewBodies.Interviewer;
import com.followup.api.mailin.MailIn;
import com.followup.api.mailin.MailInBodies.AddressView;
import com.followup.api.mailin.MailInBodies.AssignRequest;
import com.followup.api.mailin.MailInBodies.UnplacedView;
import com.followup.api.problem.ProblemException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Logging by e-mail (issue 19), the candidate's side: their logging address, and the e-mails Followup could not
 * place, each with a form to say which interview and person it belongs to. Thin: the use cases are {@link MailIn}.
 */
@Path("/mail-in")
@Produces(MediaType.TEXT_HTML)
public class MailInPages {
    private static final List<InterviewPages.Option> TOUCH_KINDS = List.of(
            new InterviewPages.Option("THANK_YOU", "Thank-you note"),
            new InterviewPages.Option("STATUS_CHECK", "Status check"),
            new InterviewPages.Option("EXTRA_INFORMATION", "Extra information"),
            new InterviewPages.Option("THANKS_AFTER_REJECTION", "Thanks after a rejection"));
    private static final List<InterviewPages.Option> REPLY_KINDS = List.of(
            new InterviewPages.Option("UPDATE", "An update"),
            new InterviewPages.Option("ACKNOWLEDGEMENT", "They confirmed they got it"),
            new InterviewPages.Option("DECISION", "A decision"),
            new InterviewPages.Option("REQUEST", "A request for something"));

    private final Portal portal;

    public MailInPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    private MailIn mailIn() {
        return portal.services().mailIn();
    }

    @GET
    @RolesAllowed(Role.Names.CANDIDATE)
    public PortalView page(@Auth UserPrincipal user, @QueryParam("saved") String saved) {
        return page(user, saved, Map.of());
    }

    @POST
    @Path("address")
    @RolesAllowed(Role.Names.CANDIDATE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response renew(@Auth UserPrincipal user) {
        mailIn().renew(user);
        return Portal.seeOther("/mail-in?saved=address");
    }

    @POST
    @Path("unplaced/{id}")
    @RolesAllowed(Role.Names.CANDIDATE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response place(@Auth UserPrincipal user, @PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormState typed = FormState.typed("place-" + id, form);
        String placement = typed.values().getOrDefault("placement", "");
        String kind = typed.values().getOrDefault("kind", "");
        String[] parts = placement.split(":");
        if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,18}")) {
            return Response.status(400)
                    .entity(page(
                            user,
                            null,
                            Map.of(
                                    id,
                                    typed.withErrors(
                                            Map.of(
                                                    "placement",
                                                    "Choose the interview and the person this e-mail was for."),
                                            "Please correct the field marked below."))))
                    .build();
        }
        try {
            mailIn().assign(user, id, new AssignRequest(Long.parseLong(parts[0]), Long.parseLong(parts[1]), kind));
        } catch (ProblemException e) {
            if (e.problem().status() == 404 || e.problem().status() >= 500) {
                throw e;
            }
            return Response.status(e.problem().status())
                    .entity(page(
                            user,
                            null,
                            Map.of(
                                    id,
                                    typed.withProblem(
                                            e, Map.of("interviewId", "placement", "contactId", "placement")))))
                    .build();
        }
        return Portal.seeOther("/mail-in?saved=placed");
    }

    private PortalView page(UserPrincipal user, String saved, Map<Long, FormState> typed) {
        Viewer viewer = portal.viewer(user);
        ZoneId zone = viewer.zone();
        Map<String, Object> model = new HashMap<>();
        model.put("enabled", mailIn().enabled());
        model.put(
                "saved",
                saved == null
                        ? ""
                        : switch (saved) {
                            case "address" -> "Your logging address is new; the old one no longer logs anything.";
                            case "placed" -> "Logged on the interview you chose.";
                            default -> "";
                        });
        if (!mailIn().enabled()) {
            return new PortalView("mail-in", viewer, "Logging by e-mail", model);
        }
        Optional<AddressView> address = mailIn().address(user);
        model.put("address", address.map(AddressView::address).orElse(""));
        model.put(
                "addressMade",
                address.map(made -> Texts.when(made.renewedAt(), zone)).orElse(""));
        List<UnplacedView> waiting = mailIn().unplaced(user);
        List<InterviewPages.Option> placements = waiting.isEmpty() ? List.of() : placements(user, zone);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UnplacedView message : waiting) {
            boolean sent = message.direction().equals("SENT");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", message.id());
            row.put("sent", sent);
            row.put("when", Texts.when(message.sentAt(), zone));
            row.put("counterpart", message.counterpart());
            row.put("subject", message.subject().orElse("(no subject)"));
            row.put(
                    "text",
                    message.text()
                            .map(text -> text.length() > 600 ? text.substring(0, 600) + " ..." : text)
                            .orElse(""));
            row.put("reason", message.reason());
            row.put("kinds", sent ? TOUCH_KINDS : REPLY_KINDS);
            row.put(
                    "form",
                    typed.getOrDefault(
                            message.id(),
                            FormState.of("place-" + message.id(), Map.of("kind", sent ? "STATUS_CHECK" : "UPDATE"))));
            rows.add(row);
        }
        model.put("unplaced", rows);
        model.put("placements", placements);
        return new PortalView("mail-in", viewer, "Logging by e-mail", model);
    }

    /** Every interview of the candidate with each person they may name on it, the latest interview first. */
    private List<InterviewPages.Option> placements(UserPrincipal user, ZoneId zone) {
        List<InterviewView> interviews = new ArrayList<>(
                portal.interviews().list(user, null, null, 200, 0).items());
        interviews.sort(Comparator.comparing(InterviewView::end).reversed());
        Map<Long, List<ContactView>> contactsByCompany = new HashMap<>();
        List<InterviewPages.Option> options = new ArrayList<>();
        for (InterviewView interview : interviews) {
            String label =
                    interview.companyName() + ", " + interview.role() + " (" + Texts.when(interview.end(), zone) + ")";
            Set<Long> named = new LinkedHashSet<>();
            for (Interviewer interviewer : interview.interviewers()) {
                named.add(interviewer.contactId());
                options.add(new InterviewPages.Option(
                        interview.id() + ":" + interviewer.contactId(), label + ": " + interviewer.name()));
            }
            for (ContactView contact : contactsByCompany.computeIfAbsent(
                    interview.companyId(), company -> portal.companies().contacts(user, company))) {
                if (named.add(contact.id())) {
                    options.add(new InterviewPages.Option(
                            interview.id() + ":" + contact.id(), label + ": " + contact.name()));
                }
            }
        }
        return options;
    }
}
