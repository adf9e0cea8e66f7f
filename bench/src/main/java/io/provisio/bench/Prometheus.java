package io.provisio.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads the services' /actuator/prometheus pages and answers the outbox figures between two reads. */
final class Prometheus {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> endpoints;

    /** @param endpoints service name → its prometheus URL */
    Prometheus(Map<String, String> endpoints) {
        this.endpoints = endpoints;
    }

    /** Every sample of every service, keyed "service|metric{labels}". */
    Map<String, Double> scrape() {
        Map<String, Double> samples = new LinkedHashMap<>();
        endpoints.forEach((service, url) -> {
            try {
                String page = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (String line : page.split("\n")) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    int space = line.lastIndexOf(' ');
                    try {
                        samples.put(service + "|" + line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                    } catch (NumberFormatException e) {
                        // not a sample line
                    }
                }
            } catch (Exception e) {
                System.err.println("could not scrape " + service + " at " + url + ": " + e);
            }
        });
        return samples;
    }

    /** Sum of the delta of every sample named {@code metric} (any labels), optionally of one service. */
    static double delta(Map<String, Double> before, Map<String, Double> after, String service, String metric) {
        return delta(before, after, service, metric, "");
    }

    /** As {@link #delta(Map, Map, String, String)}, over the series whose labels contain {@code label}. */
    static double delta(Map<String, Double> before, Map<String, Double> after, String service, String metric,
                        String label) {
        double sum = 0;
        for (Map.Entry<String, Double> sample : after.entrySet()) {
            String key = sample.getKey();
            String name = key.substring(key.indexOf('|') + 1);
            int brace = name.indexOf('{');
            String bare = brace < 0 ? name : name.substring(0, brace);
            if (bare.equals(metric) && (service == null || key.startsWith(service + "|")) && name.contains(label)) {
                sum += sample.getValue() - before.getOrDefault(key, 0.0);
            }
        }
        return sum;
    }

    /**
     * A quantile of a histogram from the delta of its cumulative buckets, summed over every service:
     * the upper bound of the first bucket holding the quantile (what histogram_quantile rounds up to).
     */
    static double quantile(Map<String, Double> before, Map<String, Double> after, String histogram, double q) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String prefix = histogram + "_bucket{";
        for (Map.Entry<String, Double> sample : after.entrySet()) {
            String key = sample.getKey();
            String name = key.substring(key.indexOf('|') + 1);
            if (!name.startsWith(prefix)) {
                continue;
            }
            int le = name.indexOf("le=\"");
            String bound = name.substring(le + 4, name.indexOf('"', le + 4));
            double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            buckets.merge(upper, sample.getValue() - before.getOrDefault(key, 0.0), Double::sum);
        }
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        double total = buckets.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= q * total) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
