package omnichannel.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts BENCHMARKS.md embeds, drawn by XChart from the figures of the run (in bench/results/, next to the raw
 * data). A chart is the first thing a reader sees of a figure: the bar it is held to is drawn on it as a line.
 */
final class Charts {

    static final Path DIRECTORY = Path.of("bench/results");
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private Charts() {
    }

    /** A series of (x, y) points. */
    record Series(String name, List<? extends Number> x, List<? extends Number> y) {
    }

    /** Lines over x (time, offered rate), with optional horizontal bars ({@code name → y}). */
    static String lines(Path root, String file, String title, String xTitle, String yTitle, List<Series> series,
            Map<String, Double> bars) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE);
        for (Series s : series) {
            if (!s.x().isEmpty()) {
                chart.addSeries(s.name(), s.x(), s.y());
            }
        }
        double minX = series.stream().flatMap(s -> s.x().stream()).mapToDouble(Number::doubleValue).min().orElse(0);
        double maxX = series.stream().flatMap(s -> s.x().stream()).mapToDouble(Number::doubleValue).max().orElse(1);
        bars.forEach((name, y) -> chart.addSeries(name, List.of(minX, maxX), List.of(y, y))
                .setMarker(SeriesMarkers.NONE).setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f)));
        return save(root, file, chart);
    }

    /** Grouped bars: one group per category, one bar per series. */
    static String bars(Path root, String file, String title, String yTitle, List<String> categories,
            Map<String, List<? extends Number>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE);
        series.forEach((name, values) -> chart.addSeries(name, categories, values));
        return save(root, file, chart);
    }

    private static String save(Path root, String file, Chart<?, ?> chart) {
        Path png = root.resolve(DIRECTORY).resolve(file);
        try {
            Files.createDirectories(png.getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        Progress.say("chart %s", png);
        return DIRECTORY.resolve(file).toString();
    }
}
