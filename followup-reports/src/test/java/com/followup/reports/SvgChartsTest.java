package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The reports page's SVG charts: well-formed, named and described for assistive technology, values as text. */
class SvgChartsTest {
    @Test
    void theRateChartIsAnImageNamedByItsTitleAndDescribedWithEveryValueAndCount() throws Exception {
        List<FigureRow> trend = trend();
        Document svg = parse(SvgCharts.rates("chart-rates", "Rates of <Ann & Bo>", trend, SvgCharts.REPORT_RATES));
        Element root = svg.getDocumentElement();
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-labelledby")).isEqualTo("chart-rates-title");
        assertThat(root.getAttribute("aria-describedby")).isEqualTo("chart-rates-desc");
        assertThat(root.getAttribute("style"))
                .as("no inline style: the CSP forbids it")
                .isEmpty();
        // The title is escaped text, not markup.
        assertThat(text(svg, "title")).isEqualTo("Rates of <Ann & Bo>");
        String description = text(svg, "desc");
        assertThat(description)
                .contains("R1 thank-you on time: W40 75.0 % (3 of 4 due)")
                // A week with nothing due has no rate: "no figure", never 0 %.
                .contains("W41 no figure (0 due)")
                .contains("W42 100.0 % (2 of 2 due)");
        assertThat(description).doesNotContain("W41 0.0 %");
    }

    @Test
    void aWeekWithoutARateBreaksTheLineInsteadOfDrawingZero() throws Exception {
        Document svg = parse(SvgCharts.rates("r", "Rates", trend(), List.of(SvgCharts.REPORT_RATES.get(0))));
        NodeList lines = svg.getElementsByTagName("polyline");
        // W40 alone before the gap (a point, no line), then W42 to W43 as one line.
        assertThat(lines.getLength()).isEqualTo(1);
        String points = ((Element) lines.item(0)).getAttribute("points");
        assertThat(points.split(" ")).hasSize(2);
        // 100 % is drawn at the top of the plot, 75 % a quarter of the way down.
        assertThat(points.split(" ")[0]).endsWith("," + SvgCharts.PLOT_TOP + ".0");
        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(3 + 1);
    }

    @Test
    void theVolumeChartLabelsEachBarWithItsNumber() throws Exception {
        Document svg = parse(SvgCharts.volumes("v", "Interviews", trend()));
        assertThat(text(svg, "desc"))
                .isEqualTo("Interviews held and breaches per week: W40 4 interviews, 1 breach; W41 0 interviews,"
                        + " 0 breaches; W42 2 interviews, 0 breaches; W43 7 interviews, 3 breaches.");
        List<String> labels = new ArrayList<>();
        NodeList texts = svg.getElementsByTagName("text");
        for (int index = 0; index < texts.getLength(); index++) {
            labels.add(texts.item(index).getTextContent());
        }
        assertThat(labels).contains("W40", "W43", "7", "3", "Interviews held", "Breaches");
    }

    @Test
    void anIdThatIsNotAnIdIsRefused() {
        assertThatThrownBy(() -> SvgCharts.volumes("a\" onload=\"x", "t", trend()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<FigureRow> trend() {
        return List.of(
                row("2026-W40", 4, 3, 4, 1),
                row("2026-W41", 0, 0, 0, 0),
                row("2026-W42", 2, 2, 2, 0),
                row("2026-W43", 7, 2, 2, 3));
    }

    /** A week's agency row: interviews, thank-you steps on time and due, and late notes as its breaches. */
    private static FigureRow row(String week, long interviews, long onTime, long due, long late) {
        return new FigureRow(
                week,
                Dimension.AGENCY,
                0,
                "Agency",
                interviews,
                due,
                due,
                onTime,
                late,
                0,
                onTime + late,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                OptionalLong.empty(),
                OptionalLong.empty(),
                0);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document svg, String tag) {
        return svg.getElementsByTagName(tag).item(0).getTextContent();
    }
}
