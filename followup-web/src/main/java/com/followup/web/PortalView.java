package com.followup.web;

import io.dropwizard.views.common.View;
import java.util.Map;

/**
 * A page: a FreeMarker template under {@code /templates} (HTML output format, so every {@code ${...}} is
 * escaped), the viewer (absent on the login page) and the page's own model.
 */
public final class PortalView extends View {
    private final Viewer viewer;
    private final String title;
    private final Map<String, Object> model;

    public PortalView(String template, Viewer viewer, String title, Map<String, Object> model) {
        super("/templates/" + template + ".ftlh");
        this.viewer = viewer;
        this.title = title;
        this.model = Map.copyOf(model);
    }

    public Viewer getViewer() {
        return viewer;
    }

    public String getTitle() {
        return title;
    }

    public Map<String, Object> getModel() {
        return model;
    }
}
