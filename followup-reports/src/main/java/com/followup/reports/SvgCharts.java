package com.followup.reports;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The weekly report's two trend charts (the PDF's: three rates, and interviews with breaches) as inline SVG for the
 * portal's reports page (decision 0030). Drawn on the server: no script and no chart library reach the browser, and
 * the page's Content-Security-Policy (no inline script, no inline style) holds, since every colour is a presentation
 * attribute, not a style.
 *
 * <p>Each chart is an image to assistive technology ({@code role="img"}) named by its {@code <title>} and described
 * by a {@code <desc>} that reads out every value with its count; the page shows the same values in a table. The
 * series differ by marker and dash as well as by colour, so they can be told apart without colour.
 */
public final class SvgCharts {
    static final int WIDTH = 480;
    static final int HEIGHT = 268;
    static final int PLOT_LEFT = 54;
    static final int PLOT_RIGHT = 466;
    static final int PLOT_TOP = 16;
    static final int PLOT_BOTTOM = 196;
    private static final String INK = "#1a1a1a";
    private static final String MUTED = "#4f5660";
    private static final String GRID = "#d0d4da";

    /** A rate drawn over the weeks: part / whole of each week's figures. */
    public record Rate(
            String name,
            String colour,
            String dash,
            Marker marker,
            ToLongFunction<FigureRow> part,
            ToLongFunction<FigureRow> whole,
            String wholeWord) {
        public Rate {
            requireNonNull(name, "name is null");
            requireNonNull(colour, "colour is null");
            requireNonNull(dash, "dash is null");
            requireNonNull(marker, "marker is null");
            requireNonNull(part, "part is null");
            requireNonNull(whole, "whole is null");
            requireNonNull(wholeWord, "wholeWord is null");
        }
    }

    /** How a series' points are marked, so that it is told apart without its colour. */
    public enum Marker {
        CIRCLE,
        SQUARE,
        TRIANGLE
    }

    /** The rates of the PDF's first chart: R1 thank-you on time, R3 interviewers thanked, company response rate. */
    public static final List<Rate> REPORT_RATES = List.of(
            new Rate(
                    "R1 thank-you on time",
                    "#1d4ed8",
                    "",
                    Marker.CIRCLE,
                    FigureRow::thankYouOnTime,
                    FigureRow::thankYouDue,
                    "due"),
            new Rate(
                    "R3 interviewers thanked",
                    "#047857",
                    "6 3",
                    Marker.SQUARE,
                    FigureRow::thankYouSent,
                    FigureRow::thankYouSteps,
                    "met"),
            new Rate(
                    "Company response rate",
                    "#b45309",
                    "2 3",
                    Marker.TRIANGLE,
                    FigureRow::responded,
                    FigureRow::followedUp,
                    "followed up"));

    private static final String INTERVIEWS_COLOUR = "#1d4ed8";
    private static final String BREACHES_COLOUR = "#b91c1c";

    private SvgCharts() {}

    /**
     * A line chart of {@code rates} over {@code trend} (oldest week first), 0 to 100 %. A week whose whole is zero has
     * no rate: the line breaks there and the description says "no figure", never 0 %.
     *
     * @param id unique on the page: the title's and description's ids start with it
     */
    public static String rates(String id, String title, List<FigureRow> trend, List<Rate> rates) {
        requireNonNull(trend, "trend is null");
        StringBuilder svg = open(id, title, describeRates(trend, rates));
        for (int percent = 0; percent <= 100; percent += 25) {
            double y = yOf(percent, 100);
            line(svg, PLOT_LEFT, y, PLOT_RIGHT, y, GRID, "");
            text(svg, PLOT_LEFT - 6, y + 4, "end", MUTED, percent + " %");
        }
        double step = (PLOT_RIGHT - PLOT_LEFT - 24) / (double) Math.max(1, trend.size() - 1);
        for (int index = 0; index < trend.size(); index++) {
            text(svg, PLOT_LEFT + 12 + step * index, PLOT_BOTTOM + 18, "middle", MUTED, weekLabel(trend.get(index)));
        }
        for (Rate rate : rates) {
            List<String> segment = new ArrayList<>();
            List<double[]> points = new ArrayList<>();
            for (int index = 0; index < trend.size(); index++) {
                FigureRow row = trend.get(index);
                long whole = rate.whole().applyAsLong(row);
                if (whole == 0) {
                    polyline(svg, segment, rate);
                    segment = new ArrayList<>();
                    continue;
                }
                double x = PLOT_LEFT + 12 + step * index;
                double y = yOf(100.0 * rate.part().applyAsLong(row) / whole, 100);
                segment.add(number(x) + "," + number(y));
                points.add(new double[] {x, y});
            }
            polyline(svg, segment, rate);
            for (double[] point : points) {
                marker(svg, rate.marker(), point[0], point[1], rate.colour());
            }
        }
        for (int index = 0; index < rates.size(); index++) {
            Rate rate = rates.get(index);
            double x = legendX(index);
            double y = legendY(index);
            svg.append("<line x1=\"")
                    .append(number(x))
                    .append("\" y1=\"")
                    .append(number(y - 4))
                    .append("\" x2=\"")
                    .append(number(x + 22))
                    .append("\" y2=\"")
                    .append(number(y - 4))
                    .append("\" stroke=\"")
                    .append(rate.colour())
                    .append("\" stroke-width=\"2.5\"")
                    .append(rate.dash().isEmpty() ? "" : " stroke-dasharray=\"" + rate.dash() + "\"")
                    .append("/>");
            marker(svg, rate.marker(), x + 11, y - 4, rate.colour());
            text(svg, x + 28, y, "start", INK, rate.name());
        }
        return close(svg);
    }

    /** A bar chart of the interviews held and the breaches (R1, R3, R20, R6, R7, R8, R10, R12, R13) of each week. */
    public static String volumes(String id, String title, List<FigureRow> trend) {
        requireNonNull(trend, "trend is null");
        long maximum = 1;
        for (FigureRow row : trend) {
            maximum = Math.max(maximum, Math.max(row.interviews(), row.breaches()));
        }
        long gridStep = niceStep((long) Math.ceil(maximum / 4.0));
        long top = gridStep * 4;
        StringBuilder svg = open(id, title, describeVolumes(trend));
        for (long value = 0; value <= top; value += gridStep) {
            double y = yOf(value, top);
            line(svg, PLOT_LEFT, y, PLOT_RIGHT, y, GRID, "");
            text(svg, PLOT_LEFT - 6, y + 4, "end", MUTED, Long.toString(value));
        }
        double slot = (PLOT_RIGHT - PLOT_LEFT) / (double) Math.max(1, trend.size());
        double bar = slot * 0.34;
        for (int index = 0; index < trend.size(); index++) {
            FigureRow row = trend.get(index);
            double left = PLOT_LEFT + slot * index + slot * 0.14;
            bar(svg, left, bar, row.interviews(), top, INTERVIEWS_COLOUR);
            bar(svg, left + bar + 2, bar, row.breaches(), top, BREACHES_COLOUR);
            text(svg, PLOT_LEFT + slot * index + slot / 2, PLOT_BOTTOM + 18, "middle", MUTED, weekLabel(row));
        }
        legendBox(svg, 0, INTERVIEWS_COLOUR, "Interviews held");
        legendBox(svg, 1, BREACHES_COLOUR, "Breaches");
        return close(svg);
    }

    /** Legend entries two to a row under the week labels. */
    private static double legendX(int index) {
        return PLOT_LEFT + (index % 2) * 210;
    }

    private static double legendY(int index) {
        return PLOT_BOTTOM + 44 + (index / 2) * 20;
    }

    private static void legendBox(StringBuilder svg, int index, String colour, String name) {
        double x = legendX(index);
        double y = legendY(index);
        svg.append("<rect x=\"")
                .append(number(x))
                .append("\" y=\"")
                .append(number(y - 11))
                .append("\" width=\"12\" height=\"12\" fill=\"")
                .append(colour)
                .append("\"/>");
        text(svg, x + 18, y, "start", INK, name);
    }

    /** "75 % (3 of 4 due)", or "no figure (0 due)" when the whole is zero. */
    public static String rateText(long part, long whole, String wholeWord) {
        return WeeklyReport.rate(part, whole)
                .map(rate -> percent(rate.doubleValue()) + " (" + part + " of " + whole + " " + wholeWord + ")")
                .orElse("no figure (0 " + wholeWord + ")");
    }

    private static String describeRates(List<FigureRow> trend, List<Rate> rates) {
        List<String> parts = new ArrayList<>();
        for (Rate rate : rates) {
            List<String> weeks = new ArrayList<>();
            for (FigureRow row : trend) {
                weeks.add(weekLabel(row) + " "
                        + rateText(rate.part().applyAsLong(row), rate.whole().applyAsLong(row), rate.wholeWord()));
            }
            parts.add(rate.name() + ": " + String.join(", ", weeks) + ".");
        }
        return String.join(" ", parts);
    }

    private static String describeVolumes(List<FigureRow> trend) {
        List<String> weeks = new ArrayList<>();
        for (FigureRow row : trend) {
            weeks.add(
                    weekLabel(row) + " " + row.interviews() + " " + (row.interviews() == 1 ? "interview" : "interviews")
                            + ", " + row.breaches() + " " + (row.breaches() == 1 ? "breach" : "breaches"));
        }
        return "Interviews held and breaches per week: " + String.join("; ", weeks) + ".";
    }

    private static StringBuilder open(String id, String title, String description) {
        requireNonNull(id, "id is null");
        if (!id.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("an element id is a letter then letters, digits or '-', got " + id);
        }
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-title\" aria-describedby=\"")
                .append(id)
                .append("-desc\" font-family=\"system-ui, sans-serif\" font-size=\"14\">")
                .append("<title id=\"")
                .append(id)
                .append("-title\">")
                .append(escape(title))
                .append("</title><desc id=\"")
                .append(id)
                .append("-desc\">")
                .append(escape(description))
                .append("</desc>")
                .append("<rect x=\"0\" y=\"0\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>");
        return svg;
    }

    private static String close(StringBuilder svg) {
        line(svg, PLOT_LEFT, PLOT_BOTTOM, PLOT_RIGHT, PLOT_BOTTOM, MUTED, "");
        return svg.append("</svg>").toString();
    }

    private static double yOf(double value, double top) {
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / top;
    }

    private static void bar(StringBuilder svg, double left, double width, long value, long top, String colour) {
        double y = yOf(value, top);
        svg.append("<rect x=\"")
                .append(number(left))
                .append("\" y=\"")
                .append(number(y))
                .append("\" width=\"")
                .append(number(width))
                .append("\" height=\"")
                .append(number(PLOT_BOTTOM - y))
                .append("\" fill=\"")
                .append(colour)
                .append("\"/>");
        if (value > 0) {
            text(svg, left + width / 2, y - 3, "middle", INK, Long.toString(value));
        }
    }

    private static void polyline(StringBuilder svg, List<String> points, Rate rate) {
        if (points.size() < 2) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"")
                .append(rate.colour())
                .append("\" stroke-width=\"2.5\"")
                .append(rate.dash().isEmpty() ? "" : " stroke-dasharray=\"" + rate.dash() + "\"")
                .append(" points=\"")
                .append(String.join(" ", points))
                .append("\"/>");
    }

    private static void marker(StringBuilder svg, Marker marker, double x, double y, String colour) {
        switch (marker) {
            case CIRCLE ->
                svg.append("<circle cx=\"")
                        .append(number(x))
                        .append("\" cy=\"")
                        .append(number(y))
                        .append("\" r=\"4\" fill=\"")
                        .append(colour)
                        .append("\"/>");
            case SQUARE ->
                svg.append("<rect x=\"")
                        .append(number(x - 4))
                        .append("\" y=\"")
                        .append(number(y - 4))
                        .append("\" width=\"8\" height=\"8\" fill=\"")
                        .append(colour)
                        .append("\"/>");
            case TRIANGLE ->
                svg.append("<polygon points=\"")
                        .append(number(x))
                        .append(',')
                        .append(number(y - 5))
                        .append(' ')
                        .append(number(x - 5))
                        .append(',')
                        .append(number(y + 4))
                        .append(' ')
                        .append(number(x + 5))
                        .append(',')
                        .append(number(y + 4))
                        .append("\" fill=\"")
                        .append(colour)
                        .append("\"/>");
        }
    }

    private static void line(
            StringBuilder svg, double x1, double y1, double x2, double y2, String colour, String dash) {
        svg.append("<line x1=\"")
                .append(number(x1))
                .append("\" y1=\"")
                .append(number(y1))
                .append("\" x2=\"")
                .append(number(x2))
                .append("\" y2=\"")
                .append(number(y2))
                .append("\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"1\"")
                .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
                .append("/>");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String colour, String words) {
        svg.append("<text x=\"")
                .append(number(x))
                .append("\" y=\"")
                .append(number(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" fill=\"")
                .append(colour)
                .append("\">")
                .append(escape(words))
                .append("</text>");
    }

    private static String weekLabel(FigureRow row) {
        return row.week().length() > 5 ? row.week().substring(5) : row.week();
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * ratio);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The smallest of 1, 2, 5, 10, 20, 50... at least {@code rough}: grid lines at round numbers. */
    static long niceStep(long rough) {
        long magnitude = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (factor * magnitude >= rough) {
                    return factor * magnitude;
                }
            }
            magnitude *= 10;
        }
    }

    /** Text and attribute values in SVG (XML): names are typed by people. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char character : text.toCharArray()) {
            switch (character) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(character);
            }
        }
        return out.toString();
    }
}
